package dev.strata.domain;

/** Where a queued write is: accepted by the queue (1st ACK), applied (2nd ACK), or finally refused. */
public enum RequestState { QUEUED, PERSISTED, FAILED }
