package dev.racefree.lab;

import dev.racefree.lab.cli.LabCommand;

/**
 * The race lab's entry point, named by the executable jar's manifest: {@code java -jar
 * racefree-lab.jar race|bench|verify}. The commands live in {@code dev.racefree.lab.cli}.
 */
public final class Lab {

  private Lab() {}

  public static void main(String[] args) {
    System.exit(LabCommand.execute(args));
  }
}
