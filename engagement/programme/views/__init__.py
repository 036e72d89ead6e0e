"""Running the programme, page by page: each view asks engagement.access, calls the programme
services and renders."""
