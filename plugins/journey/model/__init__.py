"""The journey's vocabulary: phases and models, settings, findings, text."""
