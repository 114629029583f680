/**
 * What the data-carrying scenarios send, generated deterministically from a seed and a run tag: the people (the demo
 * brand's customers, with identifiers namespaced by the run) and their baskets (drawn from the demo catalog).
 */
package org.entente.bench.workload;
