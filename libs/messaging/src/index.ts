export * from './transport.port';
export * from './dropfolder/drop-folder-transport';
