/**
 * A deterministic, seeded generator of a believable retail brand: its product catalog and its customers.
 *
 * <p>Start from {@link org.entente.demo.DemoBrand#of(long)}. Everything it returns is a pure function of the seed
 * (and of the reference date), so the server's demo population, the benchmark workloads and the tests all see the
 * same brand for the same seed. Every contact detail is fictional by construction: e-mail addresses use the
 * reserved {@code example.*} domains and phone numbers the range ARCEP reserves for fiction, so no real person can
 * ever be contacted from demo data.
 */
package org.entente.demo;
