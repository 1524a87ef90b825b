package dev.strata.domain;

/**
 * The one status record of a queued write's request id.
 *
 * @param resultJson    when persisted: the write's result, as the synchronous path would have returned it
 * @param failureReason when failed: why
 */
public record RequestStatus(String requestId, WriteOperation operation, String fingerprint, RequestState state,
                            String resultJson, FailureReason failureReason, String failureDetail, long createdAtMicros,
                            long updatedAtMicros) {

    public static RequestStatus queued(QueuedWrite write, long nowMicros) {
        return new RequestStatus(write.requestId(), write.operation(), write.fingerprint(), RequestState.QUEUED,
                null, null, null, nowMicros, nowMicros);
    }

    public RequestStatus persisted(String result, long nowMicros) {
        return new RequestStatus(requestId, operation, fingerprint, RequestState.PERSISTED, result, null, null,
                createdAtMicros, Math.max(nowMicros, updatedAtMicros + 1));
    }

    public RequestStatus failed(FailureReason reason, String detail, long nowMicros) {
        return new RequestStatus(requestId, operation, fingerprint, RequestState.FAILED, null, reason, detail,
                createdAtMicros, Math.max(nowMicros, updatedAtMicros + 1));
    }
}
