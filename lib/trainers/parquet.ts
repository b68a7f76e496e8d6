/**
 * verl's rows as a Parquet file (bytes), written with `hyparquet-writer` under an explicit schema:
 * the Arrow schema pyarrow gives the rows of verl's examples/data_preprocess/gsm8k.py
 * (`datasets.Dataset.to_parquet`), which verl reads back with `datasets.load_dataset("parquet")`
 * (verl/utils/dataset/rl_dataset.py):
 *
 *     data_source: string
 *     prompt: list<struct<content: string, role: string>>   (the standard 3-level LIST)
 *     ability: string
 *     reward_model: struct<ground_truth: string, style: string>
 *     extra_info: struct<id: string, index: int64, split: string>
 *
 * Every field is OPTIONAL, as pyarrow writes them. The bytes depend only on the rows (SNAPPY, no
 * timestamps), so the same dataset exports to the same file.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { verlParquet } from "./parquet.ts";
 * const bytes = verlParquet([{ data_source: "rl-course/x", prompt: [{ role: "user", content: "Q" }],
 *   ability: "math", reward_model: { style: "rule", ground_truth: "5" },
 *   extra_info: { id: "a", index: 0, split: "x" } }]);
 * assertEquals(new TextDecoder().decode(bytes.subarray(0, 4)), "PAR1");
 * ```
 * @module
 */
import { parquetWriteBuffer } from "npm:hyparquet-writer@0.17.0";
import type { VerlRow } from "./formats.ts";

type Element = {
  name: string;
  type?: "BYTE_ARRAY" | "INT64";
  converted_type?: "UTF8" | "LIST";
  repetition_type?: "OPTIONAL" | "REPEATED";
  num_children?: number;
};

const text = (name: string): Element => ({
  name,
  type: "BYTE_ARRAY",
  converted_type: "UTF8",
  repetition_type: "OPTIONAL",
});
const group = (name: string, num_children: number): Element => ({
  name,
  repetition_type: "OPTIONAL",
  num_children,
});

/** The schema, depth first (parquet.thrift `SchemaElement`s). */
export const VERL_SCHEMA: readonly Element[] = [
  { name: "root", num_children: 5 },
  text("data_source"),
  { ...group("prompt", 1), converted_type: "LIST" },
  { name: "list", repetition_type: "REPEATED", num_children: 1 },
  group("element", 2),
  text("content"),
  text("role"),
  text("ability"),
  group("reward_model", 2),
  text("ground_truth"),
  text("style"),
  group("extra_info", 3),
  text("id"),
  { name: "index", type: "INT64", repetition_type: "OPTIONAL" },
  text("split"),
];

/** The rows as a Parquet file. */
export function verlParquet(rows: readonly VerlRow[]): Uint8Array {
  const column = <T>(name: string, f: (r: VerlRow) => T) => ({ name, data: rows.map(f) });
  const columnData = [
    column("data_source", (r) => r.data_source),
    column("prompt", (r) => r.prompt.map((m) => ({ content: m.content, role: m.role }))),
    column("ability", (r) => r.ability),
    column("reward_model", (r) => ({
      ground_truth: r.reward_model.ground_truth,
      style: r.reward_model.style,
    })),
    column("extra_info", (r) => ({
      id: r.extra_info.id,
      index: BigInt(r.extra_info.index),
      split: r.extra_info.split,
    })),
  ];
  // The package's types name the schema elements loosely; VERL_SCHEMA is the checked shape.
  const options = { columnData, schema: VERL_SCHEMA, statistics: false } as unknown as Parameters<
    typeof parquetWriteBuffer
  >[0];
  return new Uint8Array(parquetWriteBuffer(options));
}
