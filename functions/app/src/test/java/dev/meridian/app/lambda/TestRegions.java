package dev.meridian.app.lambda;

import dev.meridian.aws.testing.LocalDynamoDb;
import dev.meridian.aws.testing.LocalS3Server;
import dev.meridian.aws.testing.LocalSecretsManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Regions on the JVM-wide s3proxy and DynamoDB Local (the aws module's test fixtures), each with a
 * new bucket and table, described by the {@code meridian.*} properties template.yaml sets on AWS
 * as {@code MERIDIAN_*} environment variables.
 */
final class TestRegions {

  record Region(String name, String seed, String bucket, String table) {
    String peerEntry() {
      return name + ":" + seed + ":" + bucket + ":" + table;
    }
  }

  /** The bootstrap admin's password every test region is started with. */
  static final String ADMIN_PASSWORD = "lambda-admin-password-0123";

  static final LocalSecretsManager SECRETS = LocalSecretsManager.shared();
  static final String SIGNING_KEYS_SECRET = "meridian/signing-keys";
  static final String BOOTSTRAP_PASSWORD_SECRET = "meridian/bootstrap-password";
  static final String UPLOAD_SIGNING_KEY_SECRET =
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:meridian/upload-signing-key-AbCdEf";

  static {
    // What template.yaml's GenerateSecretString produces.
    SECRETS.put(SIGNING_KEYS_SECRET, "{\"seed\":\"" + "0123456789abcdefghijklmnopqrstuv".repeat(2)
        + "\"}");
    SECRETS.put(BOOTSTRAP_PASSWORD_SECRET,
        "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
    SECRETS.put(UPLOAD_SIGNING_KEY_SECRET, "upload-signing-key-from-secrets-manager-0123");
  }

  private TestRegions() {}

  static Region create(String name, String seed) {
    String prefix = "lambda-" + name;
    return new Region(name, seed, LocalS3Server.shared().newBucket(prefix),
        LocalDynamoDb.shared().newTable(prefix));
  }

  /** The properties of {@code self}'s functions, with the other regions as peers. */
  static Map<String, String> properties(Region self, List<Region> peers) {
    LocalS3Server s3 = LocalS3Server.shared();
    Map<String, String> p = new LinkedHashMap<>();
    p.put("meridian.region", self.name());
    p.put("meridian.seed", self.seed());
    p.put("meridian.bucket", self.bucket());
    p.put("meridian.table", self.table());
    p.put("meridian.aws-region", LocalS3Server.REGION);
    p.put("meridian.s3-endpoint", s3.endpoint().toString());
    p.put("meridian.dynamodb-endpoint", LocalDynamoDb.shared().endpoint().toString());
    p.put("meridian.access-key-id", LocalS3Server.ACCESS_KEY);
    p.put("meridian.secret-access-key", LocalS3Server.SECRET_KEY);
    // as template.yaml: the admin account is bootstrapped when a function starts, and every
    // secret comes from Secrets Manager (secrets shared by all test regions, as on AWS)
    p.put("meridian.auth.bootstrap", "true");
    p.put("meridian.secrets.endpoint", SECRETS.endpoint().toString());
    p.put("meridian.secrets.signing-keys", SIGNING_KEYS_SECRET);
    p.put("meridian.secrets.bootstrap-password", BOOTSTRAP_PASSWORD_SECRET);
    p.put("meridian.secrets.upload-signing-key", UPLOAD_SIGNING_KEY_SECRET);
    p.put("meridian.peers", peers.stream().map(Region::peerEntry).collect(Collectors.joining(",")));
    return p;
  }
}
