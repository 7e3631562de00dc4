"""The web pages of the contribution workflow: forms made from the shapes, the review queue."""
