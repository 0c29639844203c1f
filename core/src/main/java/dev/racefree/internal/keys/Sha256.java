package dev.racefree.internal.keys;

import dev.racefree.exception.InternalErrorException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, which every Java platform must provide: token hashes and request fingerprints. */
public final class Sha256 {

  private Sha256() {}

  public static byte[] of(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new InternalErrorException("every Java platform has SHA-256", e);
    }
  }
}
