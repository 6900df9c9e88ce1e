package io.attributionstreams.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The domain core is pure: normalisation, identity, conversions, credit models, revenue,
 * attribution, channel totals, the Markov chain, privacy, the batch engine, the generator and the webhook
 * adapters import nothing
 * from Kafka, so
 * the topology calls the very code the batch reference runs.
 */
class ArchitectureTest {
    private static final String[] DOMAIN = {
        "io.attributionstreams.facts..", "io.attributionstreams.normalise..", "io.attributionstreams.identity..",
        "io.attributionstreams.conversion..", "io.attributionstreams.credit..", "io.attributionstreams.revenue..",
        "io.attributionstreams.attribution..", "io.attributionstreams.channels..", "io.attributionstreams.batch..",
        "io.attributionstreams.generate..", "io.attributionstreams.privacy..", "io.attributionstreams.markov..",
        "io.attributionstreams.webhook.."
    };

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.attributionstreams");

    @Test
    void domainHasNoKafkaImport() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..")
                .check(CLASSES);
    }

    @Test
    void domainDoesNotDependOnTheCommandLine() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("io.attributionstreams.cli..", "picocli..")
                .check(CLASSES);
    }

    @Test
    void perCustomerCoreDoesNotDependOnTheBatchEngine() {
        noClasses().that().resideInAnyPackage("io.attributionstreams.attribution..", "io.attributionstreams.credit..",
                        "io.attributionstreams.revenue..", "io.attributionstreams.conversion..",
                        "io.attributionstreams.markov..")
                .should().dependOnClassesThat().resideInAnyPackage("io.attributionstreams.batch..")
                .check(CLASSES);
    }

    /**
     * The output contract (records, names, formats) is what both engines, export, the demo and the query
     * side share: it may lean on the domain, but on no engine and no Kafka class, or one engine's change
     * would reach the other's output.
     */
    @Test
    void outputContractDependsOnNoEngineAndNoKafka() {
        noClasses().that().resideInAPackage("io.attributionstreams.contract..")
                .should().dependOnClassesThat().resideInAnyPackage("io.attributionstreams.topology..",
                        "io.attributionstreams.batch..", "io.attributionstreams.query..",
                        "io.attributionstreams.export..", "io.attributionstreams.demo..", "io.attributionstreams.cli..",
                        "io.attributionstreams.app..", "org.apache.kafka..")
                .check(CLASSES);
    }
}
