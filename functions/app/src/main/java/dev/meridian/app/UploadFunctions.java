package dev.meridian.app;

import dev.meridian.app.config.MeridianProperties;
import dev.meridian.app.config.RegionStorage;
import dev.meridian.core.blob.UploadSweeper;
import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code sweepUploads}: one pass of {@link UploadSweeper} over the region's upload sessions and
 * open multipart uploads, with the upload TTL as its grace. The local runtime invokes it on a
 * schedule (s3proxy has no lifecycle rules, DynamoDB Local no TTL). template.yaml deploys no
 * trigger for it: on AWS the bucket's {@code abandoned-uploads} lifecycle rule and the table's TTL
 * do this work without a table scan.
 */
@Configuration(proxyBeanMethods = false)
public class UploadFunctions {

  public static final String SWEEP = "sweepUploads";

  @Bean
  public Supplier<UploadSweeper.Report> sweepUploads(MeridianProperties properties,
      RegionStorage storage) {
    UploadSweeper sweeper = new UploadSweeper(storage.uploads(), storage.objects(),
        Clock.systemUTC(), properties.uploadTtl());
    return sweeper::sweep;
  }
}
