import assert from "node:assert/strict";
import type { MapStateJson } from "../../definitions/asl";
import {
  DefinitionError,
  ItemReader,
  Map,
  Pass,
  ResultWriter,
  StateMachineDefinition,
} from "../../definitions/asl";

const MACHINE_ARN = "arn:aws:states:eu-west-1:111122223333:stateMachine:ratings";

const mapOf = (definition: StateMachineDefinition) =>
  definition.toAsl().States["Each Rating"] as MapStateJson;

const distributed = (props: ConstructorParameters<typeof Map>[1] = {}) =>
  new Map("Each Rating", { mode: "DISTRIBUTED", ...props }).itemProcessor(new Pass("Score"));

describe("ASL builder: Distributed Map", () => {
  it("renders a CSV reader, batching, tolerated failures, a label and a result writer, with their IAM", () => {
    const map = distributed({
      executionType: "EXPRESS",
      itemReader: ItemReader.s3Csv({
        bucket: "ratings-data",
        key: "csv/ratings.csv",
        delimiter: "SEMICOLON",
        maxItems: 1000,
      }),
      itemBatcher: { MaxItemsPerBatch: 100, BatchInput: { run: "nightly" } },
      resultWriter: ResultWriter.s3({ bucket: "ratings-results", prefix: "runs", outputType: "JSONL" }),
      toleratedFailurePercentage: 5,
      maxConcurrency: 1000,
      label: "ratings",
    });
    const definition = StateMachineDefinition.fromChain(map);
    assert.deepStrictEqual(definition.toAsl().States["Each Rating"], {
      Type: "Map",
      ItemProcessor: {
        ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "EXPRESS" },
        StartAt: "Score",
        States: { Score: { Type: "Pass", End: true } },
      },
      ItemReader: {
        Resource: "arn:aws:states:::s3:getObject",
        Parameters: { Bucket: "ratings-data", Key: "csv/ratings.csv" },
        ReaderConfig: {
          InputType: "CSV",
          CSVHeaderLocation: "FIRST_ROW",
          CSVDelimiter: "SEMICOLON",
          MaxItems: 1000,
        },
      },
      ItemBatcher: { MaxItemsPerBatch: 100, BatchInput: { run: "nightly" } },
      MaxConcurrency: 1000,
      ToleratedFailurePercentage: 5,
      Label: "ratings",
      ResultWriter: {
        Resource: "arn:aws:states:::s3:putObject",
        Parameters: { Bucket: "ratings-results", Prefix: "runs" },
        WriterConfig: { OutputType: "JSONL" },
      },
      End: true,
    });
    assert.deepStrictEqual(definition.permissions({ stateMachineArn: MACHINE_ARN }), [
      {
        Effect: "Allow",
        Action: ["s3:AbortMultipartUpload", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:PutObject"],
        Resource: ["arn:aws:s3:::ratings-results/runs/*"],
      },
      { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::ratings-data/csv/ratings.csv"] },
      {
        Effect: "Allow",
        Action: ["states:DescribeExecution", "states:StopExecution"],
        Resource: ["arn:aws:states:eu-west-1:111122223333:execution:ratings/*"],
      },
      { Effect: "Allow", Action: ["states:StartExecution"], Resource: [MACHINE_ARN] },
    ]);
  });

  describe("reads every S3 source AWS supports", () => {
    const cases: [string, ItemReader, object, string[], string][] = [
      [
        "objects under a prefix (listObjectsV2)",
        ItemReader.s3Objects({ bucket: "b-1", prefix: "in/" }),
        { Resource: "arn:aws:states:::s3:listObjectsV2", Parameters: { Bucket: "b-1", Prefix: "in/" } },
        ["s3:ListBucket"],
        "arn:aws:s3:::b-1",
      ],
      [
        "a JSON array",
        ItemReader.s3Json({ bucket: "b-1", key: "items.json" }),
        {
          Resource: "arn:aws:states:::s3:getObject",
          Parameters: { Bucket: "b-1", Key: "items.json" },
          ReaderConfig: { InputType: "JSON" },
        },
        ["s3:GetObject"],
        "arn:aws:s3:::b-1/items.json",
      ],
      [
        "JSON Lines",
        ItemReader.s3JsonLines({ bucket: "b-1", key: "items.jsonl" }),
        {
          Resource: "arn:aws:states:::s3:getObject",
          Parameters: { Bucket: "b-1", Key: "items.jsonl" },
          ReaderConfig: { InputType: "JSONL" },
        },
        ["s3:GetObject"],
        "arn:aws:s3:::b-1/items.jsonl",
      ],
      [
        "a CSV with given headers",
        ItemReader.s3Csv({ bucket: "b-1", key: "r.csv", headers: ["id", "score"] }),
        {
          Resource: "arn:aws:states:::s3:getObject",
          Parameters: { Bucket: "b-1", Key: "r.csv" },
          ReaderConfig: { InputType: "CSV", CSVHeaderLocation: "GIVEN", CSVHeaders: ["id", "score"] },
        },
        ["s3:GetObject"],
        "arn:aws:s3:::b-1/r.csv",
      ],
      [
        "an S3 Inventory manifest (the objects it lists are read too)",
        ItemReader.s3Manifest({ bucket: "b-1", key: "inv/manifest.json", manifestType: "S3_INVENTORY" }),
        {
          Resource: "arn:aws:states:::s3:getObject",
          Parameters: { Bucket: "b-1", Key: "inv/manifest.json" },
          ReaderConfig: { InputType: "MANIFEST", ManifestType: "S3_INVENTORY" },
        },
        ["s3:GetObject"],
        "arn:aws:s3:::b-1/*",
      ],
    ];
    for (const [what, reader, json, actions, resource] of cases) {
      it(what, () => {
        const definition = StateMachineDefinition.fromChain(distributed({ itemReader: reader }));
        assert.deepStrictEqual(mapOf(definition).ItemReader, json);
        const s3 = definition
          .permissions({ stateMachineArn: MACHINE_ARN })
          .filter((s) => s.Action[0].startsWith("s3:"));
        assert.deepStrictEqual(s3, [{ Effect: "Allow", Action: actions, Resource: [resource] }]);
      });
    }
  });

  it("renders Arguments instead of Parameters in a JSONata Map", () => {
    const map = distributed({
      queryLanguage: "JSONata",
      itemReader: ItemReader.s3JsonLines({ bucket: "b-1", key: "k" }),
      resultWriter: ResultWriter.s3({ bucket: "b-2" }),
      toleratedFailureCount: "{% $states.input.budget %}",
    });
    const state = mapOf(StateMachineDefinition.fromChain(map, { queryLanguage: "JSONata" }));
    assert.deepStrictEqual(state.ItemReader?.Arguments, { Bucket: "b-1", Key: "k" });
    assert.deepStrictEqual(state.ResultWriter, {
      Resource: "arn:aws:states:::s3:putObject",
      Arguments: { Bucket: "b-2" },
    });
    assert.equal(state.ToleratedFailureCount, "{% $states.input.budget %}");
  });

  it("refuses to derive permissions without the machine's own ARN, saying how to give it", () => {
    const definition = StateMachineDefinition.fromChain(distributed());
    assert.throws(
      () => definition.permissions(),
      (error: unknown) =>
        error instanceof DefinitionError && /permissions\(\{ stateMachineArn:/.test(error.message),
    );
    assert.throws(() => definition.permissions({ stateMachineArn: "ratings" }), /got "ratings"/);
  });

  it("derives the child-execution permissions from a distributed Map in fromAsl, nested in a Parallel", () => {
    const definition = StateMachineDefinition.fromAsl({
      StartAt: "Both",
      States: {
        Both: {
          Type: "Parallel",
          Branches: [
            {
              StartAt: "M",
              States: {
                M: {
                  Type: "Map",
                  ItemProcessor: {
                    ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
                    StartAt: "W",
                    States: { W: { Type: "Succeed" } },
                  },
                  End: true,
                },
              },
            },
          ],
          End: true,
        },
      },
    });
    assert.equal(definition.startsChildExecutions, true);
    assert.deepStrictEqual(
      definition.permissions({ stateMachineArn: MACHINE_ARN }).flatMap((statement) => statement.Action),
      ["states:DescribeExecution", "states:StopExecution", "states:StartExecution"],
    );
  });

  describe("an inline Map refuses what only a Distributed Map honours", () => {
    const settings: [string, ConstructorParameters<typeof Map>[1]][] = [
      ["itemReader", { itemReader: ItemReader.s3Json({ bucket: "b-1", key: "k" }) }],
      ["itemBatcher", { itemBatcher: { MaxItemsPerBatch: 2 } }],
      ["resultWriter", { resultWriter: ResultWriter.s3({ bucket: "b-1" }) }],
      ["toleratedFailureCount", { toleratedFailureCount: 1 }],
      ["toleratedFailurePercentage", { toleratedFailurePercentage: 1 }],
      ["label", { label: "x" }],
      ["executionType", { executionType: "EXPRESS" }],
    ];
    for (const [setting, props] of settings) {
      it(setting, () =>
        assert.throws(
          () => new Map("Inline", props),
          new RegExp(
            `State "Inline": ${setting} is honoured only by a Distributed Map; add mode: "DISTRIBUTED"`,
          ),
        ),
      );
    }
  });

  it("checks the settings' ranges and names", () => {
    assert.throws(
      () => distributed({ toleratedFailurePercentage: 101 }),
      /ToleratedFailurePercentage must be from 0 to 100/,
    );
    assert.throws(
      () => distributed({ label: "has space" }),
      /Label "has space" must be at most 40 characters/,
    );
    assert.throws(() => ItemReader.s3Json({ bucket: "$.bucket", key: "k" }), /is not an S3 bucket name/);
    assert.throws(
      () => ItemReader.s3Csv({ bucket: "b-1", key: "k", headers: [] }),
      /headers must name at least one column/,
    );
  });

  it("renders an ItemReader and ResultWriter written as JSON as given, with the statements passed", () => {
    const reader = ItemReader.fromJson(
      {
        Resource: "arn:aws:states:::s3:getObject",
        Parameters: { "Bucket.$": "$.bucket", Key: "k" },
        ReaderConfig: { InputType: "JSON" },
      },
      [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::input-bucket/k"] }],
    );
    const writer = ResultWriter.fromJson(
      { WriterConfig: { OutputType: "JSONL", Transformation: "COMPACT" } },
      [],
    );
    const definition = StateMachineDefinition.fromChain(
      distributed({ itemReader: reader, resultWriter: writer }),
    );
    assert.deepStrictEqual(mapOf(definition).ItemReader, {
      Resource: "arn:aws:states:::s3:getObject",
      Parameters: { "Bucket.$": "$.bucket", Key: "k" },
      ReaderConfig: { InputType: "JSON" },
    });
    assert.deepStrictEqual(mapOf(definition).ResultWriter, {
      WriterConfig: { OutputType: "JSONL", Transformation: "COMPACT" },
    });
    assert.ok(
      definition
        .permissions({ stateMachineArn: MACHINE_ARN })
        .some((statement) => statement.Resource[0] === "arn:aws:s3:::input-bucket/k"),
    );
  });

  it("takes the language of a reader or writer written as JSON from its Arguments or Parameters", () => {
    // Found by the corpus (aws/aws-cdk integ.distribution-map-with-result-writer-v2-jsonata): a Map
    // without QueryLanguage in a JSONata definition, reading with Arguments, was rendered JSONPath.
    const reader = ItemReader.fromJson(
      {
        Resource: "arn:aws:states:::s3:getObject",
        ReaderConfig: { InputType: "CSV", CSVHeaderLocation: "FIRST_ROW" },
        Arguments: { Bucket: "ratings-data", Key: "my-key.csv" },
      },
      [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::ratings-data/my-key.csv"] }],
    );
    const writer = ResultWriter.fromJson(
      { Resource: "arn:aws:states:::s3:putObject", Arguments: { Bucket: "ratings-data", Prefix: "out" } },
      [],
    );
    const jsonata = StateMachineDefinition.fromChain(
      distributed({ itemReader: reader, resultWriter: writer }),
      { queryLanguage: "JSONata" },
    );
    assert.equal(mapOf(jsonata).QueryLanguage, undefined);
    assert.deepStrictEqual(mapOf(jsonata).ItemReader?.Arguments, {
      Bucket: "ratings-data",
      Key: "my-key.csv",
    });
    // In a JSONPath definition the same Map needs its own QueryLanguage, which it now gets.
    const jsonPath = StateMachineDefinition.fromChain(distributed({ itemReader: reader }));
    assert.equal(mapOf(jsonPath).QueryLanguage, "JSONata");
    const parameters = ItemReader.fromJson(
      { Resource: "arn:aws:states:::s3:getObject", Parameters: { Bucket: "b-1", Key: "k" } },
      [],
    );
    assert.throws(
      () => distributed({ itemReader: parameters, resultWriter: writer }),
      /ResultWriter is a JSONata field, but the state is JSONPath/,
    );
  });

  it("renders the legacy inline form, Iterator and Parameters, which fromAsl reads back", () => {
    const legacy = new Map("Each", {
      legacyIterator: true,
      itemsPath: "$.items",
      parameters: { "item.$": "$$.Map.Item.Value" },
    }).itemProcessor(new Pass("Work"));
    const asl = StateMachineDefinition.fromChain(legacy).toAsl();
    assert.deepStrictEqual(asl.States.Each, {
      Type: "Map",
      Iterator: { StartAt: "Work", States: { Work: { Type: "Pass", End: true } } },
      ItemsPath: "$.items",
      Parameters: { "item.$": "$$.Map.Item.Value" },
      End: true,
    });
    assert.deepStrictEqual(StateMachineDefinition.fromAsl(asl as never).toAsl(), asl);
    assert.throws(
      () => new Map("D", { mode: "DISTRIBUTED", legacyIterator: true }),
      /the legacy Iterator is inline only/,
    );
  });
});
