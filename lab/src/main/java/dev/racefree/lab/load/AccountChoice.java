package dev.racefree.lab.load;

import java.util.SplittableRandom;
import java.util.function.IntSupplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Which of {@code count} accounts each request goes to: always the one (a hot row), uniformly at
 * random, or Zipf-distributed with exponent {@code zipf} (a few hot accounts, a long cold tail).
 * Each client gets its own picker, so picking takes no lock.
 *
 * @param zipf the Zipf exponent, or 0 for uniform
 */
public record AccountChoice(int count, double zipf) {

  public AccountChoice {
    if (count < 1) {
      throw new IllegalArgumentException("accounts must be at least 1, was " + count);
    }
    if (zipf < 0) {
      throw new IllegalArgumentException("zipf exponent must be > 0, was " + zipf);
    }
  }

  /** A picker of account indexes in {@code [0, count)} for one client. */
  IntSupplier picker(long seed) {
    if (count == 1) {
      return () -> 0;
    }
    if (zipf > 0) {
      UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
      DiscreteSampler sampler = RejectionInversionZipfSampler.of(rng, count, zipf);
      return () -> sampler.sample() - 1; // ranks are 1-based: rank 1 is the hottest account
    }
    SplittableRandom random = new SplittableRandom(seed);
    return () -> random.nextInt(count);
  }

  public String describe() {
    if (count == 1) {
      return "1 hot account";
    }
    return count + " accounts, " + (zipf > 0 ? "Zipf s=" + zipf : "uniform");
  }
}
