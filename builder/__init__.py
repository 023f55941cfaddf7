"""news-explorer: turn a folder of news articles into an explorable static site."""

__version__ = "0.1.0"
