package dev.racefree.lab.load;

import static dev.racefree.internal.schema.Tables.CODES;
import static dev.racefree.internal.schema.Tables.CODE_REDEMPTIONS;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.count;

import dev.racefree.CodeRules;
import dev.racefree.Codes;
import dev.racefree.Racefree;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.impl.SQLDataType;

/**
 * The lab's codes of one run, and what its clients were told. The codes are created with racefree's
 * {@code codes().create}, one per account a run would have, each with a text of the run's own
 * ({@code lab:<name>:<random>:<n>}: a fresh text makes a fresh code) and the same rules. Each
 * request comes from one of {@link #redeemers()} redeemers, drawn Zipf-distributed (exponent {@link
 * #REDEEMER_ZIPF}): a few busy redeemers send most requests, several times their cap per redeemer,
 * while the others still find uses left, so that both caps are contended.
 *
 * <p>The clients record here what each redemption was answered: granted (per code and redeemer),
 * refused because the code was used up, or because the redeemer reached its cap. Once the run is
 * over {@link #stored} reads back what the database counts.
 */
public final class LabCodes {

  /** The Zipf exponent redeemers are drawn with: redeemer {@code k} sends 1/k of the first's. */
  public static final double REDEEMER_ZIPF = 1.0;

  private static final long SEED = 0x5eed_c0deL;

  private final long[] ids;
  private final String[] texts;
  private final CodeRules rules;
  private final double[] cumulative;
  private final AtomicLong drawn = new AtomicLong();
  private final AtomicLongArray granted;
  private final LongAdder exhausted = new LongAdder();
  private final LongAdder atLimit = new LongAdder();

  private LabCodes(long[] ids, String[] texts, CodeRules rules, int redeemers) {
    this.ids = ids;
    this.texts = texts;
    this.rules = rules;
    this.cumulative = zipf(redeemers);
    this.granted = new AtomicLongArray(Math.multiplyExact(ids.length, redeemers));
  }

  /**
   * Creates {@code count} codes of {@code rules} for run {@code name} with {@code codes().create},
   * one call each, whose requests come from {@code redeemers} redeemers.
   */
  public static LabCodes create(
      DSLContext dsl, String name, int count, CodeRules rules, int redeemers) {
    if (count < 1 || redeemers < 1) {
      throw new IllegalArgumentException(
          "need at least one code and one redeemer, was " + count + " and " + redeemers);
    }
    Codes codes = Racefree.using(dsl).codes();
    String prefix = "lab:" + name + ":" + UUID.randomUUID() + ":";
    long[] ids = new long[count];
    String[] texts = new String[count];
    Map<Long, String> byId = new HashMap<>();
    for (int i = 0; i < count; i++) {
      String text = prefix + (i + 1);
      ids[i] = codes.create(text, "lab " + name, rules);
      byId.put(ids[i], text);
    }
    Arrays.sort(ids);
    for (int i = 0; i < count; i++) {
      texts[i] = byId.get(ids[i]);
    }
    return new LabCodes(ids, texts, rules, redeemers);
  }

  /** The codes' ids, sorted: the "accounts" the load runner picks from. */
  public long[] ids() {
    return ids.clone();
  }

  public CodeRules rules() {
    return rules;
  }

  /** How many redeemers the requests come from. */
  public int redeemers() {
    return cumulative.length;
  }

  /** The index of code {@code id} in {@link #ids()}. */
  public int index(long id) {
    int i = Arrays.binarySearch(ids, id);
    if (i < 0) {
      throw new IllegalArgumentException("no lab code " + id + " in this run");
    }
    return i;
  }

  /** The text of the code at {@code index}, as {@code redeem} takes it. */
  public String text(int index) {
    return texts[index];
  }

  /**
   * The next request's redeemer, an index in {@code [0, redeemers)}: the n-th draw of the run is
   * the same whichever client makes it, so a run's draws are the same every time. Thread-safe.
   */
  public int nextRedeemer() {
    double u = new SplittableRandom(SEED + drawn.getAndIncrement()).nextDouble();
    int i = Arrays.binarySearch(cumulative, u);
    return Math.min(i < 0 ? -i - 1 : i + 1, cumulative.length - 1);
  }

  /** The name of redeemer {@code index}, as {@code redeem} takes it and the rows record it. */
  public static String redeemer(int index) {
    return "redeemer-" + (index + 1);
  }

  /** A client was told the code at {@code index} was redeemed for {@code redeemer}. */
  public void granted(int index, int redeemer) {
    granted.incrementAndGet(index * redeemers() + redeemer);
  }

  /** A client was told the code had no use left. */
  public void exhausted() {
    exhausted.increment();
  }

  /** A client was told its redeemer had reached the cap per redeemer. */
  public void atLimit() {
    atLimit.increment();
  }

  /** What the clients were told, once they are done. */
  public Told told() {
    long[][] byCode = new long[ids.length][redeemers()];
    for (int i = 0; i < ids.length; i++) {
      for (int r = 0; r < redeemers(); r++) {
        byCode[i][r] = granted.get(i * redeemers() + r);
      }
    }
    return new Told(byCode, exhausted.sum(), atLimit.sum());
  }

  /**
   * What the database counts once the run is over: each code's {@code uses}, and its redemptions
   * not reversed per redeemer, read with {@code SELECT id, uses FROM codes WHERE id = ANY(:ids)}
   * and {@code SELECT code_id, redeemer, count(*) FROM code_redemptions WHERE code_id = ANY(:ids)
   * AND reversed_at IS NULL GROUP BY code_id, redeemer}.
   */
  public Stored stored(DSLContext dsl) {
    Long[] boxed = Arrays.stream(ids).boxed().toArray(Long[]::new);
    Map<Long, Long> uses =
        dsl.select(CODES.ID, CODES.USES)
            .from(CODES)
            .where(CODES.ID.eq(any(boxed)))
            .fetchMap(CODES.ID, CODES.USES);
    long[] usesByCode = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      Long u = uses.get(ids[i]);
      if (u == null) {
        throw new IllegalStateException("the lab's code " + ids[i] + " vanished");
      }
      usesByCode[i] = u;
    }
    Map<String, Integer> redeemerIndex = new HashMap<>();
    for (int r = 0; r < redeemers(); r++) {
      redeemerIndex.put(redeemer(r), r);
    }
    Field<Long> rows = count().cast(SQLDataType.BIGINT).as("rows");
    long[][] rowsByCode = new long[ids.length][redeemers()];
    for (Record3<Long, String, Long> row :
        dsl.select(CODE_REDEMPTIONS.CODE_ID, CODE_REDEMPTIONS.REDEEMER, rows)
            .from(CODE_REDEMPTIONS)
            .where(CODE_REDEMPTIONS.CODE_ID.eq(any(boxed)))
            .and(CODE_REDEMPTIONS.REVERSED_AT.isNull())
            .groupBy(CODE_REDEMPTIONS.CODE_ID, CODE_REDEMPTIONS.REDEEMER)
            .fetch()) {
      Integer r = redeemerIndex.get(row.value2());
      if (r == null) {
        throw new IllegalStateException(
            "the lab's code " + row.value1() + " was redeemed by " + row.value2());
      }
      rowsByCode[index(row.value1())][r] = row.value3();
    }
    return new Stored(usesByCode, rowsByCode);
  }

  /** What the clients were told: redemptions granted per code and redeemer, and refusals. */
  public static final class Told {

    private final long[][] granted;
    private final long exhausted;
    private final long atLimit;

    /**
     * @param granted per code (in the order of the ids) and redeemer, the redemptions granted
     * @param exhausted refusals because the code had no use left
     * @param atLimit refusals because the redeemer had reached its cap
     */
    public Told(long[][] granted, long exhausted, long atLimit) {
      this.granted = deepCopy(granted);
      this.exhausted = exhausted;
      this.atLimit = atLimit;
    }

    /** The redemptions granted at the code at {@code index} to {@code redeemer}. */
    public long granted(int index, int redeemer) {
      return granted[index][redeemer];
    }

    public long exhausted() {
      return exhausted;
    }

    public long atLimit() {
      return atLimit;
    }
  }

  /** What the database counts: each code's {@code uses}, and its rows per redeemer. */
  public static final class Stored {

    private final long[] uses;
    private final long[][] rows;

    /**
     * @param uses per code (in the order of the ids), its {@code uses} column
     * @param rows per code and redeemer, its redemptions not reversed
     */
    public Stored(long[] uses, long[][] rows) {
      this.uses = uses.clone();
      this.rows = deepCopy(rows);
    }

    /** What the {@code uses} of the code at {@code index} count. */
    public long uses(int index) {
      return uses[index];
    }

    /** The redemptions not reversed of the code at {@code index} by {@code redeemer}. */
    public long rows(int index, int redeemer) {
      return rows[index][redeemer];
    }
  }

  private static long[][] deepCopy(long[][] a) {
    long[][] copy = new long[a.length][];
    for (int i = 0; i < a.length; i++) {
      copy[i] = a[i].clone();
    }
    return copy;
  }

  /** The cumulative Zipf probabilities of ranks 1 to {@code n}, the last exactly 1. */
  private static double[] zipf(int n) {
    double[] cumulative = new double[n];
    double total = 0;
    for (int k = 1; k <= n; k++) {
      total += 1 / Math.pow(k, REDEEMER_ZIPF);
    }
    double sum = 0;
    for (int k = 1; k <= n; k++) {
      sum += 1 / Math.pow(k, REDEEMER_ZIPF);
      cumulative[k - 1] = sum / total;
    }
    cumulative[n - 1] = 1;
    return cumulative;
  }
}
