"""Running crawls: processes, signals, the offline mirror, incremental and conditional requests,
the Redis frontier and its single writer, progress lines, feeds on close, and source health.

Nothing here is imported by the reading, the pipelines or the store: this package sits on top of
them, with the ``baotinh`` command. (``stopping`` is imported first by the command, before Scrapy,
so this package's ``__init__`` imports nothing.)
"""
