package dev.racefree.internal.ledger;

import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;

import dev.racefree.LedgerEntry;
import dev.racefree.internal.schema.tables.records.LedgerEntriesRecord;
import dev.racefree.internal.sql.Metadata;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;

/**
 * A journaled row as the API shows it: select {@link #FIELDS} and map each record with {@link #of}.
 */
public final class Entries {

  private static final UUID NO_POSTING = new UUID(0, 0);
  private static final Field<String[]> KEYS = Metadata.keys(LEDGER_ENTRIES.METADATA).as("mk");
  private static final Field<String[]> VALUES = Metadata.values(LEDGER_ENTRIES.METADATA).as("mv");

  /** Every column of {@code ledger_entries}, and the metadata as keys and values. */
  public static final List<SelectField<?>> FIELDS = fields();

  private Entries() {}

  private static List<SelectField<?>> fields() {
    List<SelectField<?>> fields = new ArrayList<>(List.of(LEDGER_ENTRIES.fields()));
    fields.add(KEYS);
    fields.add(VALUES);
    return List.copyOf(fields);
  }

  /** A record selected with {@link #FIELDS}. */
  public static LedgerEntry of(Record record) {
    LedgerEntriesRecord r = record.into(LEDGER_ENTRIES);
    OffsetDateTime imported = r.getImportedAt();
    return new LedgerEntry(
        r.getId(),
        r.getAccountId(),
        r.getAmount(),
        r.getBalanceAfter(),
        LedgerEntry.Kind.valueOf(r.getKind().getLiteral().toUpperCase(Locale.ROOT)),
        Objects.requireNonNullElse(r.getPostingId(), NO_POSTING),
        r.getCounterpartyId(),
        r.getCorrelationId(),
        r.getReference(),
        r.getCode(),
        Metadata.map(record.get(KEYS), record.get(VALUES)),
        r.getCreatedAt().toInstant(),
        imported == null ? null : imported.toInstant());
  }
}
