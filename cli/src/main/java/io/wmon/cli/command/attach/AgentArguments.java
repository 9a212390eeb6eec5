package io.wmon.cli.command.attach;

import io.wmon.cli.shell.UsageError;
import io.wmon.core.redis.RedisEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The option string handed to the agent: the user's {@code key=value} words joined with commas, each
 * escaped by the agent's rule (docs/agent.md, "A comma inside a value"): {@code \} becomes
 * {@code \\} and {@code ,} becomes {@code \,}, so a word reaches the agent whole, commas and all
 * ({@code redis=redis-sentinel://h1:26379,h2:26379/m}, a password {@code pa,ss}).
 *
 * <p>The CLI checks the form only; the agent checks keys and values. {@code --redis},
 * {@code --namespace} and {@code --password-file} given to {@code wmon} itself are passed on as
 * {@code redis=}, {@code namespace=} and {@code passwordFile=} unless a word sets them.
 */
final class AgentArguments {

    static final String STOP = "mode=stop";

    private AgentArguments() {
    }

    /**
     * @param words the user's {@code key=value} words
     * @param inherited options from the command line of {@code wmon} itself (key to value), in order
     * @param command the {@code attach} command the words were given to
     * @return the option string, each part escaped by the agent's comma rule
     * @throws ParameterException (a usage error) when a word is not {@code key=value}
     */
    static String start(List<String> words, Map<String, String> inherited, CommandLine command) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> entry : inherited.entrySet()) {
            if (words.stream().noneMatch(word -> key(word).equals(entry.getKey()))) {
                parts.add(escaped(entry.getKey() + "=" + entry.getValue()));
            }
        }
        for (String word : words) {
            parts.add(escaped(checked(word, command)));
        }
        return String.join(",", parts);
    }

    /** {@code word} as one segment of the agent's option string: backslashes doubled, commas escaped. */
    static String escaped(String word) {
        StringBuilder segment = new StringBuilder(word.length() + 8);
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '\\' || c == ',') {
                segment.append('\\');
            }
            segment.append(c);
        }
        return segment.toString();
    }

    /**
     * The options that stop a running agent.
     *
     * @throws ParameterException (a usage error) when {@code words} is not empty
     */
    static String stop(List<String> words, CommandLine command) {
        if (!words.isEmpty()) {
            throw UsageError.misuse(command, "--stop takes no agent options, got "
                    + RedisEndpoint.redactUrl(words.get(0)));
        }
        return STOP;
    }

    private static String checked(String word, CommandLine command) {
        int eq = word.indexOf('=');
        if (eq <= 0) {
            throw UsageError.misuse(command, "agent option '" + RedisEndpoint.redactUrl(word)
                    + "' is not key=value, e.g. namespace=prod");
        }
        return word;
    }

    private static String key(String word) {
        int eq = word.indexOf('=');
        return (eq < 0 ? word : word.substring(0, eq)).trim();
    }
}
