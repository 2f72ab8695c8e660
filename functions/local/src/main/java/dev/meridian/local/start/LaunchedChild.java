package dev.meridian.local.start;

import dev.meridian.local.MeridianLocal;
import java.util.concurrent.TimeUnit;

/**
 * The main class of the child JVM {@link ChildJvm} starts: {@link MeridianLocal}, plus a watch on
 * the launcher. When the launcher dies without forwarding a signal ({@code kill -9}), the child
 * is re-parented; it then exits through its shutdown hook, so no runtime is left holding the data
 * directory and the ports with nobody to stop it.
 */
public final class LaunchedChild {

  private LaunchedChild() {}

  public static void main(String[] args) throws InterruptedException {
    String launcher = System.getProperty(ChildJvm.LAUNCHER_PID);
    if (launcher != null) {
      long pid = Long.parseLong(launcher);
      Thread watch = new Thread(() -> watch(pid), "meridian-launcher-watch");
      watch.setDaemon(true);
      watch.start();
    }
    MeridianLocal.main(args);
  }

  private static void watch(long launcherPid) {
    try {
      while (ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L)
          == launcherPid) {
        TimeUnit.SECONDS.sleep(1);
      }
    } catch (InterruptedException e) {
      return;
    }
    System.err.println("meridian-local: the launcher (pid " + launcherPid + ") is gone; stopping");
    System.exit(1);
  }
}
