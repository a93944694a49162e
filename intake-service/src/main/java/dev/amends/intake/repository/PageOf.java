package dev.amends.intake.repository;

import java.util.List;

/** One page of a list and the total count across all pages. */
public record PageOf<T>(List<T> items, long total) {
}
