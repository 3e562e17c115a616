"""What a build writes for people and machines: reports, the map, the baseline."""
