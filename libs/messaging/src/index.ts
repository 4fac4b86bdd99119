export * from './transport.port';
export * from './dropfolder/drop-folder-transport';
export * from './kafka/kafka-transport';
export * from './kafka/kafka-acknowledgements';
