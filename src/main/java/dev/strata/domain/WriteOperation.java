package dev.strata.domain;

/** The kinds of write that can be queued. */
public enum WriteOperation { RECORD_PUT, RECORD_DELETE, BLOB_PUT, BLOB_DELETE }
