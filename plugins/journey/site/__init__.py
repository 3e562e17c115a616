"""One build's site: the index of content, tagging, links, the graph, the CTA plan."""
