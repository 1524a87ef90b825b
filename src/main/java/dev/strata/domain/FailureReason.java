package dev.strata.domain;

/** Why a queued write was finally refused; each maps to the status the synchronous path would have answered. */
public enum FailureReason { INVALID_INPUT, NOT_FOUND, PRECONDITION_FAILED, QUOTA_EXCEEDED, UNDELIVERABLE }
