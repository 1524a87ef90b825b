package dev.strata.domain;

/**
 * Why a queued write was finally refused; each maps to the status the synchronous path would have answered.
 * {@code UNDELIVERABLE}: its message failed every attempt; {@code EXPIRED}: it was still queued after
 * {@code writes.queuedExpiry}, so its message is taken to have never reached the queue.
 */
public enum FailureReason { INVALID_INPUT, NOT_FOUND, PRECONDITION_FAILED, QUOTA_EXCEEDED, UNDELIVERABLE, EXPIRED }
