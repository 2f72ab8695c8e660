package dev.meridian.core.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and verifies the registry's bearer tokens: JWTs signed with HS256 (the registry is both
 * the token server and the only verifier, so a shared secret suffices), with the Docker token
 * spec's claims {@code iss}, {@code sub}, {@code aud} (the service), {@code exp}, {@code nbf},
 * {@code iat}, {@code jti} and {@code access}. Verification accepts only HS256 with a known
 * {@code kid} (no {@code alg:none}, no algorithm confusion), the right issuer and audience, and
 * an unexpired token.
 */
public final class TokenService {
  /** Clocks of regions' function instances differ a little; {@code nbf} tolerates that. */
  private static final Duration SKEW = Duration.ofSeconds(30);

  private final SigningKeySource keys;
  private final String issuer;
  private final String service;
  private final Duration lifetime;
  private final Clock clock;

  public TokenService(SigningKeySource keys, String issuer, String service, Duration lifetime,
      Clock clock) {
    this.keys = keys;
    this.issuer = issuer;
    this.service = service;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  public String service() {
    return service;
  }

  public Instant now() {
    return clock.instant();
  }

  public Duration lifetime() {
    return lifetime;
  }

  /** A signed token; {@code subject} is empty for the anonymous caller. */
  public IssuedToken issue(String subject, List<TokenAccess> access) {
    Instant now = clock.instant();
    Instant expires = now.plus(lifetime);
    List<Map<String, Object>> accessClaim = new ArrayList<>();
    for (TokenAccess a : access) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("type", a.type());
      entry.put("name", a.name());
      entry.put("actions", a.actions());
      accessClaim.add(entry);
    }
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(subject)
        .audience(service)
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(expires))
        .jwtID(UUID.randomUUID().toString())
        .claim("access", accessClaim)
        .build();
    SigningKey key = keys.keys().current();
    SignedJWT jwt = new SignedJWT(
        new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(key.kid()).build(),
        claims);
    try {
      jwt.sign(new MACSigner(key.secret()));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
    }
    return new IssuedToken(jwt.serialize(), now, expires);
  }

  /** The token's subject and access, or empty when it is malformed, forged, expired or foreign. */
  public Optional<VerifiedToken> verify(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      JWSHeader header = jwt.getHeader();
      if (!JWSAlgorithm.HS256.equals(header.getAlgorithm()) || header.getKeyID() == null) {
        return Optional.empty();
      }
      Optional<SigningKey> key = keys.keys().find(header.getKeyID());
      if (key.isEmpty()) {
        key = keys.refreshed().find(header.getKeyID());
      }
      if (key.isEmpty() || !jwt.verify(new MACVerifier(key.get().secret()))) {
        return Optional.empty();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Instant now = clock.instant();
      if (claims.getExpirationTime() == null || !now.isBefore(claims.getExpirationTime().toInstant())
          || (claims.getNotBeforeTime() != null
              && now.plus(SKEW).isBefore(claims.getNotBeforeTime().toInstant()))
          || !issuer.equals(claims.getIssuer())
          || claims.getAudience() == null || !claims.getAudience().contains(service)) {
        return Optional.empty();
      }
      return Optional.of(new VerifiedToken(claims.getSubject() == null ? "" : claims.getSubject(),
          access(claims), claims.getExpirationTime().toInstant()));
    } catch (ParseException | JOSEException | ClassCastException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static List<TokenAccess> access(JWTClaimsSet claims) throws ParseException {
    List<TokenAccess> access = new ArrayList<>();
    List<Object> entries = claims.getListClaim("access");
    if (entries == null) {
      return access;
    }
    for (Object o : entries) {
      if (!(o instanceof Map<?, ?> m) || !(m.get("type") instanceof String type)
          || !(m.get("name") instanceof String name) || !(m.get("actions") instanceof List<?> as)) {
        throw new ParseException("malformed access entry", 0);
      }
      access.add(new TokenAccess(type, name, as.stream().map(String::valueOf).toList()));
    }
    return access;
  }

  public record IssuedToken(String token, Instant issuedAt, Instant expiresAt) {}

  public record VerifiedToken(String subject, List<TokenAccess> access, Instant expiresAt) {}
}
