package dev.strata.testing.servers;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class S3ProxyServerIT {

    @Test
    void sharedServer_storesAndReturnsAnObject() throws Exception {
        MinioClient s3 = clientOf(S3ProxyServer.shared());
        String bucket = "it-" + UUID.randomUUID();

        s3.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        put(s3, bucket, "users/alice/hello.txt", "hello, blob");

        assertThat(get(s3, bucket, "users/alice/hello.txt")).isEqualTo("hello, blob");
    }

    @Test
    void killedServer_restartsOnTheSamePortWithItsObjects() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.start()) {
            MinioClient s3 = clientOf(server);
            s3.makeBucket(MakeBucketArgs.builder().bucket("kept").build());
            put(s3, "kept", "k", "survives a crash");
            long firstPid = server.pid();

            server.kill();
            server.restart();

            assertThat(server.pid()).isNotEqualTo(firstPid);
            assertThat(s3.bucketExists(BucketExistsArgs.builder().bucket("kept").build())).isTrue();
            assertThat(get(s3, "kept", "k")).isEqualTo("survives a crash");
        }
    }

    private static MinioClient clientOf(S3ProxyServer server) {
        return MinioClient.builder()
                .endpoint(server.endpoint())
                .credentials(server.accessKey(), server.secretKey())
                .region(server.region())
                .build();
    }

    private static void put(MinioClient s3, String bucket, String key, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        s3.putObject(PutObjectArgs.builder()
                .bucket(bucket)
                .object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                .contentType("text/plain")
                .build());
    }

    private static String get(MinioClient s3, String bucket, String key) throws Exception {
        try (GetObjectResponse response = s3.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return new String(response.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
