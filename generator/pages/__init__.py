"""Pages: discovery (discover.py), classification (classify.py), the tokenised page (model.py)."""
