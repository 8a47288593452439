"""What the outside world sees: JSON shapes, texts for people, workbooks."""
