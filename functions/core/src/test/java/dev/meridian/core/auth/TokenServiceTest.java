package dev.meridian.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.meridian.core.contract.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tokens: the claims of the Docker token spec, and every way a forged or stale one is refused. */
class TokenServiceTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final MutableClock clock = new MutableClock(T0);
  private SigningKeys keys = SigningKeys.generate(T0, new SecureRandom());
  private final TokenService tokens = new TokenService(() -> keys, "meridian", "meridian",
      Duration.ofMinutes(5), clock);

  @Test
  void issuedTokenCarriesSubjectAccessAndExpiry() throws Exception {
    TokenService.IssuedToken issued = tokens.issue("alice",
        List.of(new TokenAccess("repository", "team/app", List.of("pull", "push"))));
    SignedJWT jwt = SignedJWT.parse(issued.token());
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(keys.current().kid());
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("meridian");
    assertThat(claims.getAudience()).containsExactly("meridian");
    assertThat(claims.getExpirationTime().toInstant()).isEqualTo(T0.plusSeconds(300));
    assertThat(claims.getJWTID()).isNotBlank();

    TokenService.VerifiedToken verified = tokens.verify(issued.token()).orElseThrow();
    assertThat(verified.subject()).isEqualTo("alice");
    assertThat(verified.access()).containsExactly(
        new TokenAccess("repository", "team/app", List.of("pull", "push")));
  }

  @Test
  void aTokenSignedByAKeyThisInstanceHasNotReadYet_verifiesAfterOneRefresh() {
    // Instance A rotated; instance B's cached ring predates the new key.
    SigningKeys rotated = keys.rotate(T0, Duration.ofMinutes(5), new SecureRandom());
    String fromA = new TokenService(() -> rotated, "meridian", "meridian", Duration.ofMinutes(5),
        clock).issue("alice", List.of()).token();
    int[] refreshes = {0};
    SigningKeys stale = keys;
    SigningKeySource cachedByB = new SigningKeySource() {
      @Override
      public SigningKeys keys() {
        return stale;
      }

      @Override
      public SigningKeys refreshed() {
        refreshes[0]++;
        return rotated;
      }
    };
    TokenService b = new TokenService(cachedByB, "meridian", "meridian", Duration.ofMinutes(5),
        clock);

    assertThat(b.verify(fromA)).isPresent();
    assertThat(refreshes[0]).isEqualTo(1);
    assertThat(b.verify(tokens.issue("bob", List.of()).token())).as("known kid: no refresh")
        .isPresent();
    assertThat(refreshes[0]).isEqualTo(1);
  }

  @Test
  void expiredTokenIsRefused() {
    String token = tokens.issue("alice", List.of()).token();
    clock.advance(Duration.ofMinutes(5));
    assertThat(tokens.verify(token)).isEmpty();
  }

  @Test
  void rotationKeepsOldTokensValidUntilTheyExpireAndSignsNewOnesWithTheNewKey() {
    String old = tokens.issue("alice", List.of()).token();
    String oldKid = keys.current().kid();
    clock.advance(Duration.ofMinutes(1));
    keys = keys.rotate(clock.instant(), Duration.ofMinutes(5), new SecureRandom());

    assertThat(tokens.verify(old)).as("old key still verifies").isPresent();
    String fresh = tokens.issue("alice", List.of()).token();
    assertThat(tokens.verify(fresh)).isPresent();
    assertThat(keys.current().kid()).isNotEqualTo(oldKid);

    // A second rotation after a whole token lifetime drops the first key: nothing it signed is
    // still valid by then.
    clock.advance(Duration.ofMinutes(6));
    keys = keys.rotate(clock.instant(), Duration.ofMinutes(5), new SecureRandom());
    assertThat(keys.find(oldKid)).isEmpty();
    assertThat(keys.keys()).hasSize(2);
  }

  @Test
  void keyRingSurvivesItsJsonForm() {
    SigningKeys rotated = keys.rotate(T0.plusSeconds(5), Duration.ofMinutes(5), new SecureRandom());
    SigningKeys back = SigningKeys.fromJson(rotated.toJson());
    assertThat(back.keys()).isEqualTo(rotated.keys());
    assertThat(back.current().kid()).isEqualTo(rotated.current().kid());
  }

  @Test
  void unsignedTokenIsRefused() {
    JWTClaimsSet claims = claims(T0.plusSeconds(60));
    String plain = new PlainJWT(new PlainHeader(), claims).serialize(); // "alg":"none"
    assertThat(tokens.verify(plain)).isEmpty();
  }

  @Test
  void tokenSignedWithAnotherKeyIsRefused() throws Exception {
    SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
        .type(JOSEObjectType.JWT).keyID(keys.current().kid()).build(), claims(T0.plusSeconds(60)));
    forged.sign(new MACSigner(new byte[32]));
    assertThat(tokens.verify(forged.serialize())).isEmpty();
  }

  @Test
  void tokenForAnotherServiceOrIssuerIsRefused() {
    TokenService other = new TokenService(() -> keys, "meridian", "elsewhere",
        Duration.ofMinutes(5), clock);
    assertThat(tokens.verify(other.issue("alice", List.of()).token())).isEmpty();
    TokenService issuer = new TokenService(() -> keys, "someone", "meridian",
        Duration.ofMinutes(5), clock);
    assertThat(tokens.verify(issuer.issue("alice", List.of()).token())).isEmpty();
  }

  @Test
  void garbageIsRefused() {
    assertThat(tokens.verify("")).isEmpty();
    assertThat(tokens.verify("a.b.c")).isEmpty();
    assertThat(tokens.verify("not a token")).isEmpty();
  }

  private static JWTClaimsSet claims(Instant expires) {
    return new JWTClaimsSet.Builder().issuer("meridian").subject("mallory").audience("meridian")
        .expirationTime(Date.from(expires))
        .claim("access", List.of(java.util.Map.of("type", "registry", "name", "admin",
            "actions", List.of("*"))))
        .build();
  }
}
