package dev.meridian.core.auth;

import java.util.List;
import java.util.Optional;

/**
 * Port: one region's accounts and anonymous-access switch, in its table. Writes are
 * last-writer-wins by {@link Identity#version()}, so replaying them in any order in any region
 * converges. Implementations pass {@code IdentityStoreContract}.
 */
public interface IdentityStore {

  /** The account, a tombstone included ({@link Identity#deleted()}), or empty. */
  Optional<Identity> find(String name);

  /** Every account that is not deleted, by name. */
  List<Identity> list();

  /**
   * Stores {@code identity} unless the stored one has the same or a newer version; true when
   * stored, or when exactly this version is already there (a retried write).
   */
  boolean put(Identity identity);

  /** Stores it only when no account (and no tombstone) has the name; true when stored. */
  boolean create(Identity identity);

  /** The anonymous-pull switch; the default is nobody ({@link AnonymousAccess#NONE}). */
  AnonymousAccess anonymousAccess();

  /** Replaces the switch unless the stored one is newer (the same rule as {@link #put}). */
  boolean putAnonymousAccess(AnonymousAccess access);
}
