package com.livechain.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A generic CSV reader for tests: the first line is the header, rows become maps by column name. */
public final class Csv {

    private Csv() {
    }

    public record Table(List<String> header, List<Map<String, String>> rows) {
    }

    public static Table parse(String text) {
        String[] lines = text.split("\r?\n");
        List<String> header = fields(lines[0]);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            List<String> values = fields(lines[i]);
            if (values.size() != header.size()) {
                throw new AssertionError("line " + (i + 1) + " has " + values.size() + " fields, header "
                        + header.size() + ": " + lines[i]);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), values.get(c));
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    /** RFC 4180 fields: commas separate, double quotes enclose, "" inside quotes is a quote. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }
}
