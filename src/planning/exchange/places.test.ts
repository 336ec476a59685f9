// Schools' places in km: the equirectangular projection about the mean latitude, checked against a pair worked out by
// hand.
import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_KM } from '../geo.js';
import { distanceKm, projectKm } from './places.js';

describe('projectKm (equirectangular about the mean latitude)', () => {
  it('projects a pair 0.1° apart in latitude and longitude as worked out by hand', () => {
    // φ0 = 30.05°, λ0 = 122.05°; Δφ = Δλ = 0.1° = π/1800 = 0.0017453293 rad.
    // y: R·Δφ = 6371.0088 × 0.0017453293 = 11.1195080 km, so ±5.5597540 about the origin.
    // x: R·Δλ·cos φ0 = 11.1195080 × cos 30.05° (= 0.8655887) = 9.6249210 km, so ±4.8124605.
    // distance √(11.1195080² + 9.6249210²) = √(123.643459 + 92.639105) = √216.282564 = 14.7065483 km.
    const [a, b] = projectKm([
      { lat: 30.0, lng: 122.0 },
      { lat: 30.1, lng: 122.1 },
    ]);
    expect(a.yKm).toBeCloseTo(-5.559754, 5);
    expect(b.yKm).toBeCloseTo(5.559754, 5);
    expect(a.xKm).toBeCloseTo(-4.8124605, 5);
    expect(b.xKm).toBeCloseTo(4.8124605, 5);
    expect(distanceKm(a, b)).toBeCloseTo(14.7065483, 5);
    expect(EARTH_RADIUS_KM).toBe(6371.0088);
  });

  it('uses the mean latitude of all the points, not of each pair', () => {
    // Three points: φ0 = (30.0 + 30.1 + 29.9) / 3 = 30.0°, λ0 = (122.0 + 122.1 + 122.3) / 3 = 122.1333…°.
    // x of the first: R · (−0.1333…° = −0.00232711 rad) · cos 30° (0.8660254) = −12.8397019 km; y of it: 0.
    const [p] = projectKm([
      { lat: 30.0, lng: 122.0 },
      { lat: 30.1, lng: 122.1 },
      { lat: 29.9, lng: 122.3 },
    ]);
    expect(p.xKm).toBeCloseTo(-12.8397019, 5);
    expect(p.yKm).toBeCloseTo(0, 9);
  });

  it('answers nothing for no points, and the origin for one point', () => {
    expect(projectKm([])).toEqual([]);
    const [only] = projectKm([{ lat: 29.9, lng: 121.9 }]);
    expect(only.xKm).toBeCloseTo(0, 12);
    expect(only.yKm).toBeCloseTo(0, 12);
  });
});
