package io.wmon.cli.command.attach;

import io.wmon.core.redis.RedisEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The option string handed to the agent: the user's {@code key=value} words joined with commas.
 *
 * <p>The CLI checks the form only; the agent checks keys and values and, since {@code loadAgent}
 * cannot return its verdict, reports a mistake in the target's log. {@code --redis} and
 * {@code --namespace} given to {@code wmon} itself are passed on as {@code redis=} and
 * {@code namespace=} unless a word sets them.
 */
final class AgentArguments {

    static final String STOP = "mode=stop";

    private AgentArguments() {
    }

    /**
     * @param words the user's {@code key=value} words
     * @param inherited options from the command line of {@code wmon} itself (key to value), in order
     * @param command the {@code attach} command the words were given to
     * @throws ParameterException (a usage error) when a word is not {@code key=value}
     */
    static String start(List<String> words, Map<String, String> inherited, CommandLine command) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> entry : inherited.entrySet()) {
            if (words.stream().noneMatch(word -> key(word).equals(entry.getKey()))) {
                parts.add(entry.getKey() + "=" + entry.getValue());
            }
        }
        for (String word : words) {
            parts.add(checked(word, command));
        }
        return String.join(",", parts);
    }

    /**
     * The options that stop a running agent.
     *
     * @throws ParameterException (a usage error) when {@code words} is not empty
     */
    static String stop(List<String> words, CommandLine command) {
        if (!words.isEmpty()) {
            throw new ParameterException(command, "--stop takes no agent options, got "
                    + RedisEndpoint.redactUrl(words.get(0)));
        }
        return STOP;
    }

    private static String checked(String word, CommandLine command) {
        int eq = word.indexOf('=');
        if (eq <= 0) {
            throw new ParameterException(command, "agent option '" + RedisEndpoint.redactUrl(word)
                    + "' is not key=value, e.g. namespace=prod");
        }
        if (word.indexOf(',') >= 0 && !key(word).equals("redis")) {
            throw new ParameterException(command, "agent option '" + RedisEndpoint.redactUrl(word)
                    + "' holds a comma; give each option as its own word");
        }
        return word;
    }

    private static String key(String word) {
        int eq = word.indexOf('=');
        return (eq < 0 ? word : word.substring(0, eq)).trim();
    }
}
