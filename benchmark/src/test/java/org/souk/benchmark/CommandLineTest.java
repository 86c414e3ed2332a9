package org.souk.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static CommandLine checkout(String... args) throws CommandLine.Refused {
        return new CommandLine("souk-benchmark [options]", CheckoutBenchmark.OPTIONS, args);
    }

    @Test
    void givenOptionsWinOverTheirDefaults() throws Exception {
        CommandLine line = checkout("--concurrency", "8", "--url", "http://node:8181");

        assertThat(line.help()).isFalse();
        assertThat(line.number("--concurrency", 1)).isEqualTo(8);
        assertThat(line.text("--url")).isEqualTo("http://node:8181");
        assertThat(line.number("--seconds", 1)).isEqualTo(30);
        assertThat(line.text("--secret")).isNull();
    }

    @Test
    void helpListsEveryOptionWithItsDefault() throws Exception {
        CommandLine line = checkout("--help");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        line.usage(new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(line.help()).isTrue();
        assertThat(checkout("-h").help()).isTrue();
        String usage = out.toString(StandardCharsets.UTF_8);
        assertThat(usage).startsWith("usage: souk-benchmark [options]").contains("--help");
        for (CommandLine.Option option : CheckoutBenchmark.OPTIONS) {
            assertThat(usage).contains(option.name() + " " + option.value());
        }
        assertThat(usage).contains("(default: http://localhost:8181)", "(default: 4)");
    }

    @Test
    void anUnknownOptionOrAMissingValueIsRefusedRatherThanRunWithDefaults() {
        assertThatThrownBy(() -> checkout("--concurency", "8")).isInstanceOf(CommandLine.Refused.class)
                .hasMessage("unknown option --concurency");
        assertThatThrownBy(() -> checkout("localhost")).hasMessage("unknown argument localhost");
        assertThatThrownBy(() -> checkout("--seconds")).hasMessageContaining("--seconds needs a value");
    }

    @Test
    void aNumberThatIsNoneIsRefused() throws Exception {
        assertThatThrownBy(() -> checkout("--seconds", "ten").number("--seconds", 1))
                .isInstanceOf(CommandLine.Refused.class).hasMessageContaining("--seconds must be a whole number");
        assertThatThrownBy(() -> checkout("--concurrency", "0").number("--concurrency", 1))
                .isInstanceOf(CommandLine.Refused.class);
        assertThat(checkout("--warmup", "0").number("--warmup", 0)).isZero();
    }

    @Test
    void theHistoryBenchmarkDeclaresItsOwnOptions() throws Exception {
        CommandLine line = new CommandLine("history", OrderHistoryBenchmark.OPTIONS, new String[] {"--orders", "50"});
        assertThat(line.number("--orders", 1)).isEqualTo(50);
        assertThat(line.text("--home")).isEqualTo("run/souk");
        assertThatThrownBy(() -> new CommandLine("history", OrderHistoryBenchmark.OPTIONS, new String[] {"--concurrency", "2"}))
                .hasMessage("unknown option --concurrency");
    }

    @Test
    void concurrencyTakesAListOfLevels() throws Exception {
        assertThat(checkout("--concurrency", "1,4, 16,64").numbers("--concurrency", 1)).containsExactly(1, 4, 16, 64);
        assertThat(checkout().numbers("--concurrency", 1)).containsExactly(4);
        assertThatThrownBy(() -> checkout("--concurrency", "4,0").numbers("--concurrency", 1))
                .isInstanceOf(CommandLine.Refused.class).hasMessageContaining("'4,0'");
        assertThatThrownBy(() -> checkout("--concurrency", "4,").numbers("--concurrency", 1))
                .isInstanceOf(CommandLine.Refused.class);
    }
}
