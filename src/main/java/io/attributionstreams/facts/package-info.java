/** The four facts of the contract after normalisation, as immutable records. No Kafka here. */
package io.attributionstreams.facts;
