package dev.meridian.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Creates commands, giving the {@link Session} to those whose constructor takes one. */
final class SessionFactory implements CommandLine.IFactory {

  private final Session session;
  private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

  SessionFactory(Session session) {
    this.session = session;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    try {
      Constructor<K> withSession = type.getDeclaredConstructor(Session.class);
      withSession.setAccessible(true);
      return withSession.newInstance(session);
    } catch (NoSuchMethodException none) {
      return fallback.create(type);
    }
  }
}
