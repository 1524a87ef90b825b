package dev.strata.adapter.blob.s3;

import java.time.Duration;

/**
 * How to reach the bucket.
 *
 * @param endpoint       S3 endpoint URL
 * @param createBucket   create the bucket at start when absent
 * @param connectTimeout longest wait to connect, and for the whole health check
 * @param readTimeout    longest wait for the next bytes of an answer or for a write to be taken
 */
public record S3Settings(String endpoint, String bucket, String accessKey, String secretKey, String region,
                         boolean createBucket, Duration connectTimeout, Duration readTimeout) {
}
