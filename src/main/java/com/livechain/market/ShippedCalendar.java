package com.livechain.market;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The NSE/BSE calendar data livechain ships, read from {@code classpath:calendar/}: {@code years.csv} lists each
 * year with its status and file; each file lists that year's holidays and special sessions (the formats are
 * described in the files). Data, not code, because the exchanges change it by circular (protocol §11.2).
 * A malformed file is a build error: loading throws, naming the file and line, and the calendar tests fail.
 */
final class ShippedCalendar {

    static final String DIRECTORY = "calendar/";

    /** A year the data covers, and how far it can be trusted. */
    record Year(int year, ExchangeCalendar.Coverage coverage, String basis) {
    }

    /** A session the exchanges announced without its timings (Muhurat, protocol §11.2). */
    record PendingSession(LocalDate date, String description, String source) {
    }

    final Map<Integer, Year> years;
    final Map<LocalDate, Holiday> holidays;
    final Map<LocalDate, TradingSession> sessions;
    final Map<LocalDate, PendingSession> pending;

    private ShippedCalendar(Map<Integer, Year> years, Map<LocalDate, Holiday> holidays,
                            Map<LocalDate, TradingSession> sessions, Map<LocalDate, PendingSession> pending) {
        this.years = Collections.unmodifiableMap(years);
        this.holidays = Collections.unmodifiableMap(holidays);
        this.sessions = Collections.unmodifiableMap(sessions);
        this.pending = Collections.unmodifiableMap(pending);
    }

    static ShippedCalendar load() {
        return load(DIRECTORY);
    }

    static ShippedCalendar load(String directory) {
        Map<Integer, Year> years = new TreeMap<>();
        Map<LocalDate, Holiday> holidays = new TreeMap<>();
        Map<LocalDate, TradingSession> sessions = new TreeMap<>();
        Map<LocalDate, PendingSession> pending = new TreeMap<>();
        String index = directory + "years.csv";
        for (Row row : rows(index, 4)) {
            int year = row.integer(0);
            ExchangeCalendar.Coverage coverage = switch (row.field(1).toLowerCase(Locale.ROOT)) {
                case "confirmed" -> ExchangeCalendar.Coverage.CONFIRMED;
                case "provisional" -> ExchangeCalendar.Coverage.PROVISIONAL;
                default -> throw row.error("status must be confirmed or provisional, not '" + row.field(1) + "'");
            };
            if (years.put(year, new Year(year, coverage, row.field(3))) != null) {
                throw row.error(year + " is listed twice");
            }
            for (Row entry : rows(directory + row.field(2), 5)) {
                LocalDate date = entry.date(0);
                if (date.getYear() != year) {
                    throw entry.error(date + " is not in " + year);
                }
                String description = entry.field(3);
                String source = entry.field(4);
                switch (entry.field(1)) {
                    case "HOLIDAY" -> {
                        if (holidays.put(date, new Holiday(date, description, source)) != null) {
                            throw entry.error(date + " is listed as a holiday twice");
                        }
                    }
                    case "SESSION" -> {
                        String[] hours = entry.field(2).split("-");
                        if (hours.length != 2) {
                            throw entry.error("a SESSION needs its hours, HH:mm-HH:mm IST");
                        }
                        TradingSession session = new TradingSession(date, entry.time(hours[0]), entry.time(hours[1]),
                                description, source);
                        if (sessions.put(date, session) != null || pending.containsKey(date)) {
                            throw entry.error(date + " has two sessions");
                        }
                    }
                    case "SESSION_TBA" -> {
                        if (!entry.field(2).isEmpty()) {
                            throw entry.error("a SESSION_TBA has no hours yet; with hours it is a SESSION");
                        }
                        if (pending.put(date, new PendingSession(date, description, source)) != null
                                || sessions.containsKey(date)) {
                            throw entry.error(date + " has two sessions");
                        }
                    }
                    default -> throw entry.error("kind must be HOLIDAY, SESSION or SESSION_TBA, not '" + entry.field(1) + "'");
                }
            }
        }
        return new ShippedCalendar(years, holidays, sessions, pending);
    }

    /** One data line of a calendar file: {@code fields} columns, the last one free to hold commas. */
    private record Row(String file, int line, String[] fields) {

        String field(int i) {
            return fields[i].trim();
        }

        int integer(int i) {
            try {
                return Integer.parseInt(field(i));
            } catch (NumberFormatException e) {
                throw error("'" + field(i) + "' is not a year");
            }
        }

        LocalDate date(int i) {
            try {
                return LocalDate.parse(field(i));
            } catch (DateTimeParseException e) {
                throw error("'" + field(i) + "' is not an ISO date");
            }
        }

        LocalTime time(String text) {
            try {
                return LocalTime.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw error("'" + text + "' is not HH:mm");
            }
        }

        IllegalStateException error(String what) {
            return new IllegalStateException("Shipped exchange calendar " + file + " line " + line + ": " + what);
        }
    }

    /** The data lines of {@code resource}: comments (#) and blank lines skipped, the header line checked and dropped. */
    private static List<Row> rows(String resource, int columns) {
        InputStream in = ShippedCalendar.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Shipped exchange calendar " + resource + " is missing from the classpath");
        }
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            boolean header = true;
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Row row = new Row(resource, number, line.split(",", columns));
                if (row.fields.length != columns) {
                    throw row.error("expected " + columns + " comma-separated columns");
                }
                if (header) {
                    header = false;
                } else {
                    rows.add(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + resource, e);
        }
        return rows;
    }
}
