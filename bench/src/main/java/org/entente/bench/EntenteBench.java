package org.entente.bench;

import java.util.concurrent.Callable;
import org.entente.bench.checkout.CheckoutScenario;
import org.entente.bench.gate.GateScenario;
import org.entente.bench.imports.ImportScenario;
import org.entente.bench.ingest.IngestScenario;
import org.entente.bench.page360.Page360Scenario;
import org.entente.bench.ping.PingScenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code entente-bench} command: one subcommand per scenario.
 *
 * <p>Exit codes: {@value #EXIT_OK} when the run completed and passed its checks, {@value #EXIT_FAILED} when it
 * failed one (more than 1% of the requests of a measurement failed, the server's results did not match what was
 * sent, an answer broke the API's contract) or on an unexpected failure, {@value #EXIT_ABORTED} when the scenario
 * could not run (bad usage, no key, key rejected, server or database unreachable), before any load was sent.
 */
@Command(name = "entente-bench", mixinStandardHelpOptions = true, versionProvider = BenchVersion.class,
        description = "Measures an Entente server with a closed-loop load, beside a raw baseline measured in the "
                + "same run.",
        subcommands = {PingScenario.class, IngestScenario.class, ImportScenario.class, CheckoutScenario.class,
                GateScenario.class, Page360Scenario.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the run completed and passed its checks",
                "1:a check failed (more than 1%% of the requests failed, profiles, import counts or gate "
                        + "verdicts did not match, checkout or gate answers broke the contract), or an unexpected "
                        + "failure",
                "2:the scenario could not run (usage, missing or rejected key, server or database unreachable)"})
public final class EntenteBench implements Callable<Integer> {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_ABORTED = 2;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, so that tests can run scenarios in-process and capture their output. */
    public static CommandLine commandLine() {
        return new CommandLine(new EntenteBench())
                .setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
                    if (exception instanceof ScenarioAbortedException) {
                        commandLine.getErr().println("entente-bench: " + exception.getMessage());
                        return EXIT_ABORTED;
                    }
                    throw exception;
                });
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing scenario: which one to run?");
    }
}
