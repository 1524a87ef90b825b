package dev.strata.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.strata.domain.RequestStatus;
import dev.strata.service.BlobWrite;
import dev.strata.service.RecordWrite;
import dev.strata.service.RequestService;
import java.util.Locale;

/**
 * The status of a queued write. {@code result} is the body the synchronous path would have returned (for PUTs);
 * {@code problem} says why a failed write was refused.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RequestResponse(String requestId, String status, String operation, Object result, Problem problem) {

    static RequestResponse from(RequestStatus s, RequestService requests, String instance) {
        Object result = switch (s.state()) {
            case PERSISTED -> switch (s.operation()) {
                case RECORD_PUT -> RecordResponse.from(requests.result(s, RecordWrite.class).record());
                case BLOB_PUT -> BlobResponse.from(requests.result(s, BlobWrite.class).blob());
                case RECORD_DELETE, BLOB_DELETE -> null;
            };
            case QUEUED, FAILED -> null;
        };
        Problem problem = s.failureReason() == null ? null : ErrorMapping.problem(s.failureReason(), s.failureDetail(), instance);
        return new RequestResponse(s.requestId(), s.state().name().toLowerCase(Locale.ROOT),
                s.operation().name().toLowerCase(Locale.ROOT).replace('_', '.'), result, problem);
    }
}
