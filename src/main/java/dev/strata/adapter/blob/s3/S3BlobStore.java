package dev.strata.adapter.blob.s3;

import dev.strata.port.BlobStore;
import dev.strata.port.StorageUnavailableException;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs as objects in one bucket of an S3-compatible store. Uploads stream in parts of {@code PART_SIZE}, so at
 * most one part of a blob is ever in memory; vendor failures surface as {@link StorageUnavailableException}.
 */
public final class S3BlobStore implements BlobStore {
    private static final Logger log = LoggerFactory.getLogger(S3BlobStore.class);
    /** S3's smallest multipart part; it bounds the memory one upload holds. */
    private static final long PART_SIZE = 5L << 20;

    private final MinioClient client;
    private final MinioClient healthClient;
    private final S3Settings settings;
    private final OkHttpClient http;

    private S3BlobStore(S3Settings settings, OkHttpClient http, MinioClient client, MinioClient healthClient) {
        this.settings = settings;
        this.http = http;
        this.client = client;
        this.healthClient = healthClient;
    }

    /** Connects and, when {@code settings.createBucket()}, creates the bucket if it is absent. */
    public static S3BlobStore open(S3Settings settings) {
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                // retries happen in one layer only, the resilience decorator, within its budget
                .retryOnConnectionFailure(false)
                .build();
        OkHttpClient healthHttp = http.newBuilder().callTimeout(settings.connectTimeout()).build();
        S3BlobStore store = new S3BlobStore(settings, http, client(settings, http), client(settings, healthHttp));
        store.ensureBucket();
        return store;
    }

    private static MinioClient client(S3Settings settings, OkHttpClient http) {
        return MinioClient.builder()
                .endpoint(settings.endpoint())
                .credentials(settings.accessKey(), settings.secretKey())
                .region(settings.region())
                .httpClient(http)
                .build();
    }

    private void ensureBucket() {
        call("check bucket " + settings.bucket(), () -> {
            boolean exists = client.bucketExists(BucketExistsArgs.builder().bucket(settings.bucket()).build());
            if (!exists && settings.createBucket()) {
                makeBucket();
            } else if (!exists) {
                throw new StorageUnavailableException("bucket " + settings.bucket() + " does not exist and blobs.createBucket is false", null);
            }
            return null;
        });
    }

    /** Replicas starting together race to create the bucket; losing that race is fine. */
    private void makeBucket() throws Exception {
        try {
            client.makeBucket(MakeBucketArgs.builder().bucket(settings.bucket()).region(settings.region()).build());
            log.info("created bucket {}", settings.bucket());
        } catch (ErrorResponseException e) {
            if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
                throw e;
            }
        }
    }

    @Override
    public void write(String storageKey, InputStream content) {
        try {
            call("write " + storageKey, () -> client.putObject(PutObjectArgs.builder()
                    .bucket(settings.bucket())
                    .object(storageKey)
                    .stream(content, -1, PART_SIZE)
                    .contentType("application/octet-stream")
                    .build()));
        } catch (RuntimeException e) {
            deleteQuietly(storageKey);
            throw e;
        }
    }

    @Override
    public InputStream open(String storageKey, long offset, long length) {
        if (length == 0) {
            return new ByteArrayInputStream(new byte[0]);
        }
        return call("read " + storageKey, () -> client.getObject(GetObjectArgs.builder()
                .bucket(settings.bucket()).object(storageKey).offset(offset).length(length).build()));
    }

    @Override
    public void delete(String storageKey) {
        call("delete " + storageKey, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(settings.bucket()).object(storageKey).build());
            return null;
        });
    }

    @Override
    public void forEachObjectOlderThan(Instant before, Consumer<String> visitor) {
        Iterable<Result<Item>> items = client.listObjects(ListObjectsArgs.builder()
                .bucket(settings.bucket()).recursive(true).build());
        for (Result<Item> result : items) {
            Item item = call("list objects", result::get);
            if (!item.isDir() && item.lastModified().toInstant().isBefore(before)) {
                visitor.accept(item.objectName());
            }
        }
    }

    @Override
    public Optional<URI> presignedGet(String storageKey, Duration validFor) {
        return Optional.of(URI.create(call("presign " + storageKey, () -> client.getPresignedObjectUrl(
                GetPresignedObjectUrlArgs.builder()
                        .method(Method.GET)
                        .bucket(settings.bucket())
                        .object(storageKey)
                        .expiry((int) validFor.toSeconds())
                        .build()))));
    }

    @Override
    public boolean isHealthy() {
        try {
            return healthClient.bucketExists(BucketExistsArgs.builder().bucket(settings.bucket()).build());
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", "s3");
        d.put("endpoint", settings.endpoint());
        d.put("bucket", settings.bucket());
        d.put("region", settings.region());
        d.put("partSizeBytes", PART_SIZE);
        return d;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private void deleteQuietly(String storageKey) {
        try {
            delete(storageKey);
        } catch (RuntimeException e) {
            log.debug("could not remove {} after a failed upload; the orphan sweep will", storageKey, e);
        }
    }

    private interface S3Call<T> {
        T run() throws Exception;
    }

    /** Runs one vendor call; its checked failures become the port's, runtime ones (from the caller's stream) pass. */
    private static <T> T call(String action, S3Call<T> s3) {
        try {
            return s3.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (ErrorResponseException e) {
            throw new StorageUnavailableException("blob store refused to " + action + ": " + e.errorResponse().code(), e);
        } catch (Exception e) {
            throw new StorageUnavailableException("blob store failed to " + action, e);
        }
    }
}
