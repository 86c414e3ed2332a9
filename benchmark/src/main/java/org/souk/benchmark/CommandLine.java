package org.souk.benchmark;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark's command line: {@code --name value} options, each declared with its default and what it means.
 * {@code --help} (or {@code -h}) asks for the usage; anything undeclared, an option without its value or a
 * number that is none is refused, so that a mistyped option never starts a run with the defaults.
 */
final class CommandLine {

    /** An option: its name ({@code --url}), what its value is ({@code <url>}), its default (null: none) and meaning. */
    record Option(String name, String value, String fallback, String meaning) {
    }

    /** The command line cannot be used: the reason, to print with the usage. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }

    private final String usage;
    private final List<Option> declared;
    private final Map<String, String> given = new LinkedHashMap<>();
    private final boolean help;

    /**
     * Reads {@code args} against the declared options.
     *
     * @throws Refused when an argument is not a declared option, or an option has no value
     */
    CommandLine(String usage, List<Option> declared, String[] args) throws Refused {
        this.usage = usage;
        this.declared = declared;
        boolean asked = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                asked = true;
                continue;
            }
            Option option = declared.stream().filter(o -> o.name().equals(arg)).findFirst()
                    .orElseThrow(() -> new Refused("unknown " + (arg.startsWith("-") ? "option " : "argument ") + arg));
            if (i + 1 >= args.length) {
                throw new Refused(arg + " needs a value: " + option.value());
            }
            given.put(arg, args[++i]);
        }
        this.help = asked;
    }

    /** Whether {@code --help} was asked for: print {@link #usage(PrintStream)} and run nothing. */
    boolean help() {
        return help;
    }

    /** The option's value, or its default. */
    String text(String name) {
        return given.getOrDefault(name, option(name).fallback());
    }

    /** The option's value as a whole number of at least {@code min}. */
    int number(String name, int min) throws Refused {
        String value = text(name);
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new Refused(name + " must be a whole number of at least " + min + ", not '" + value + "'");
    }

    /** The option's value as a comma-separated list of whole numbers, each at least {@code min}. */
    List<Integer> numbers(String name, int min) throws Refused {
        String value = text(name);
        List<Integer> numbers = new java.util.ArrayList<>();
        for (String part : value.split(",", -1)) {
            try {
                int n = Integer.parseInt(part.trim());
                if (n >= min) {
                    numbers.add(n);
                    continue;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new Refused(name + " must be whole numbers of at least " + min + ", separated by commas, not '"
                    + value + "'");
        }
        return numbers;
    }

    /** The usage line, then every option with its default and meaning. */
    void usage(PrintStream out) {
        out.println("usage: " + usage);
        out.println();
        out.println("options:");
        int width = declared.stream().mapToInt(o -> o.name().length() + o.value().length() + 1).max().orElse(0);
        for (Option o : declared) {
            String left = o.name() + " " + o.value();
            out.println("  " + left + " ".repeat(width - left.length() + 2) + o.meaning()
                    + (o.fallback() == null ? "" : " (default: " + o.fallback() + ")"));
        }
        out.println("  --help" + " ".repeat(Math.max(2, width - 4)) + "prints this and exits");
    }

    private Option option(String name) {
        return declared.stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("undeclared option " + name));
    }
}
