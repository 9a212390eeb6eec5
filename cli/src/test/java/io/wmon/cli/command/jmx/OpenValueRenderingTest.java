package io.wmon.cli.command.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;
import org.junit.jupiter.api.Test;

/** Open-type values as {@code wmon jmx} prints them, in JSON and in text. */
class OpenValueRenderingTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(Object value) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            OpenValueJson.write(json, value);
        }
        return MAPPER.readTree(out.toString());
    }

    private static CompositeType workerType() throws OpenDataException {
        return new CompositeType("Row", "a worker", new String[] {"id", "busy", "age"},
                new String[] {"id", "busy", "age"},
                new OpenType<?>[] {SimpleType.STRING, SimpleType.BOOLEAN, SimpleType.LONG});
    }

    private static CompositeData worker(String id, boolean busy, long age) throws OpenDataException {
        return new CompositeDataSupport(workerType(), new String[] {"id", "busy", "age"}, new Object[] {id, busy, age});
    }

    @Test
    void scalarsKeepTheirJsonTypes() throws IOException {
        assertThat(json(42L).isIntegralNumber()).isTrue();
        assertThat(json(7).asInt()).isEqualTo(7);
        assertThat(json(true).isBoolean()).isTrue();
        assertThat(json(0.25d).asDouble()).isEqualTo(0.25d);
        assertThat(json("idle").asText()).isEqualTo("idle");
        assertThat(json(null).isNull()).isTrue();
        assertThat(json(Double.NaN).asText()).isEqualTo("NaN");
    }

    @Test
    void compositeDataIsAnObject() throws Exception {
        JsonNode node = json(worker("w-1", true, 12L));

        assertThat(node.get("id").asText()).isEqualTo("w-1");
        assertThat(node.get("busy").asBoolean()).isTrue();
        assertThat(node.get("age").asLong()).isEqualTo(12L);
    }

    @Test
    void tabularDataIsAnArrayOfRowsInIndexOrder() throws Exception {
        TabularDataSupport table = new TabularDataSupport(new TabularType("Workers", "workers", workerType(),
                new String[] {"id"}));
        table.put(worker("w-2", false, 3L));
        table.put(worker("w-1", true, 1L));

        JsonNode node = json(table);

        assertThat(node.isArray()).isTrue();
        assertThat(node.get(0).get("id").asText()).isEqualTo("w-1");
        assertThat(node.get(1).get("id").asText()).isEqualTo("w-2");
        assertThat(OpenValueText.render(table)).isEqualTo("[{age=1, busy=true, id=w-1}, {age=3, busy=false, id=w-2}]");
    }

    @Test
    void arraysAreArrays() throws IOException {
        assertThat(json(new long[] {1, 2}).get(1).asLong()).isEqualTo(2);
        assertThat(OpenValueText.render(new String[] {"a", ""})).isEqualTo("[a, \"\"]");
    }

    @Test
    void textShowsEmptyStringsAndKeepsOneLine() {
        assertThat(OpenValueText.render("")).isEqualTo("\"\"");
        assertThat(OpenValueText.render("a\nb\u001b[2J")).isEqualTo("a\\nb\\x1b[2J");
    }
}
