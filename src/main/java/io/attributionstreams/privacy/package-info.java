/**
 * Personal data kept out of outputs and memory (docs/contract.md §10, §11): keyed pseudonyms of
 * identifiers and the suppression of erased subjects. Pure domain code: no Kafka.
 */
package io.attributionstreams.privacy;
