/**
 * GDSII stream format: record types and data types (Calma GDSII Stream Format Manual, release 6.0, 1987).
 *
 * Every record is a 4-byte header — total length in bytes (uint16, big-endian, header included, always even),
 * record type (1 byte), data type (1 byte) — followed by its payload. The constants below are the two type
 * bytes as one uint16 (record type << 8 | data type), the way they appear in the file.
 */

/** Payload data types (the header's second type byte). */
export const GDS_DATA = {
  none: 0x00,
  bitArray: 0x01,
  int2: 0x02,
  int4: 0x03,
  real4: 0x04,
  real8: 0x05,
  ascii: 0x06,
} as const;

/** Record type << 8 | data type, for the records this package writes and reads. */
export const GDS_RECORD = {
  HEADER: 0x0002,
  BGNLIB: 0x0102,
  LIBNAME: 0x0206,
  UNITS: 0x0305,
  ENDLIB: 0x0400,
  BGNSTR: 0x0502,
  STRNAME: 0x0606,
  ENDSTR: 0x0700,
  BOUNDARY: 0x0800,
  PATH: 0x0900,
  SREF: 0x0a00,
  AREF: 0x0b00,
  TEXT: 0x0c00,
  LAYER: 0x0d02,
  DATATYPE: 0x0e02,
  WIDTH: 0x0f03,
  XY: 0x1003,
  ENDEL: 0x1100,
  SNAME: 0x1206,
  COLROW: 0x1302,
  TEXTTYPE: 0x1602,
  PRESENTATION: 0x1701,
  STRING: 0x1906,
  STRANS: 0x1a01,
  MAG: 0x1b05,
  ANGLE: 0x1c05,
  PATHTYPE: 0x2102,
} as const;

/** GDSII stream version written in HEADER. */
export const GDS_VERSION = 600;

/** Largest record (the length field is a uint16). */
export const GDS_MAX_RECORD_BYTES = 0xffff;
/** Most points in one XY record: (65535 − 4) / 8 rounded down. */
export const GDS_MAX_XY_POINTS = 8191;
/** Longest structure name the format guarantees (KLayout accepts more; others may not). */
export const GDS_MAX_NAME_LENGTH = 32;
/** Longest TEXT string. */
export const GDS_MAX_TEXT_LENGTH = 512;

/** STRANS bit 0 (the most significant bit of the first byte): reflection about x before rotation. */
export const STRANS_REFLECT = 0x8000;
