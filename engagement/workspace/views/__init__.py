"""A locality's workspace, page by page: each view parses input, asks engagement.access,
calls one service and renders."""
