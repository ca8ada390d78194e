package dev.resolve.launcher;

/**
 * How the command lines ({@code ./resolve-local}, {@code ./resolve-local token}, {@code ./resolve-bench}) read an
 * option: {@code --name value} or {@code --name=value}.
 */
public final class CommandLine {

    private CommandLine() {
    }

    /** An argument split at its first {@code =}: {@code --ttl=8h} is {@code --ttl} with the value {@code 8h}. */
    public record Argument(String name, String value) {
    }

    /** {@code arg} as an option name and, when written {@code --name=value}, its value (else a null value). */
    public static Argument split(String arg) {
        int equals = arg.indexOf('=');
        if (arg.startsWith("--") && equals > 0) {
            return new Argument(arg.substring(0, equals), arg.substring(equals + 1));
        }
        return new Argument(arg, null);
    }

    /** The argument at {@code index} as the value of {@code option}; there must be one, and not another option. */
    public static String valueAt(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
