package dev.racefree.it;

/** The isolation levels every racefree operation must stay correct under. */
enum Isolation {
  READ_COMMITTED,
  SERIALIZABLE
}
