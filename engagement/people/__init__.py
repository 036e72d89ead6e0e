"""People: locality teams, working groups across localities, and invitations into either."""
