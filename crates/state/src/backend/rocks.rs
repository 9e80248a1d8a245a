//! The RocksDB backend.

use std::path::Path;

use rocksdb::{
    BlockBasedOptions, Cache, ColumnFamily, ColumnFamilyDescriptor, DBCompressionType, Options, ReadOptions,
    WaitForCompactOptions, WriteBatch, WriteOptions, DB,
};

use super::{Backend, Batch};
use crate::key::prefix_end;
use crate::{Column, StateError, Value, Visitor};

/// How to open a [`RocksBackend`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RocksOptions {
    /// Whether each batch is flushed to disk (`fsync`) before
    /// [`Backend::write`] returns. The write-ahead log is always on, so a
    /// process crash never loses a written batch either way; `sync` also
    /// survives a power cut or kernel crash, at the cost of a disk flush per
    /// block.
    pub sync: bool,
    /// Bytes of RocksDB's own block cache (uncompressed data blocks), shared
    /// by the columns.
    pub block_cache_bytes: usize,
}

impl Default for RocksOptions {
    fn default() -> RocksOptions {
        RocksOptions { sync: true, block_cache_bytes: 64 << 20 }
    }
}

/// A [`Backend`] over a RocksDB database with a column family per
/// [`Column`]; every [`Batch`] is one RocksDB `WriteBatch`, written through
/// the write-ahead log.
pub struct RocksBackend {
    db: DB,
    write_options: WriteOptions,
}

impl std::fmt::Debug for RocksBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RocksBackend").field("path", &self.db.path()).finish_non_exhaustive()
    }
}

impl RocksBackend {
    /// Opens (creating if missing) the database in directory `path`.
    ///
    /// # Errors
    /// [`StateError::Backend`] if RocksDB cannot open it (a missing
    /// directory that cannot be created, a lock held by another process, ...).
    pub fn open(path: &Path, options: &RocksOptions) -> Result<RocksBackend, StateError> {
        let cache = Cache::new_lru_cache(options.block_cache_bytes);
        let mut db_options = Options::default();
        db_options.create_if_missing(true);
        db_options.create_missing_column_families(true);
        db_options.set_max_background_jobs(2);
        let columns =
            Column::ALL.map(|column| ColumnFamilyDescriptor::new(column.name(), column_options(column, &cache)));
        let db = DB::open_cf_descriptors(&db_options, path, columns).map_err(StateError::backend)?;
        let mut write_options = WriteOptions::default();
        write_options.set_sync(options.sync);
        write_options.disable_wal(false);
        Ok(RocksBackend { db, write_options })
    }

    /// Flushes the memtables to disk and waits until background compaction
    /// is done, so that it does not compete with what runs next (a
    /// benchmark phase, a shutdown).
    ///
    /// # Errors
    /// [`StateError::Backend`] if RocksDB fails.
    pub fn wait_for_compaction(&self) -> Result<(), StateError> {
        let mut options = WaitForCompactOptions::default();
        options.set_flush(true);
        self.db.wait_for_compact(&options).map_err(StateError::backend)
    }

    fn cf(&self, column: Column) -> &ColumnFamily {
        self.db.cf_handle(column.name()).expect("every column family is created at open")
    }
}

/// Options of one column family: the state is read by point lookups, so it
/// gets a bloom filter (a lookup of a missing key rarely touches a data
/// block); blocks, receipts and digests are written once by increasing
/// height and read rarely.
fn column_options(column: Column, cache: &Cache) -> Options {
    let mut table = BlockBasedOptions::default();
    table.set_block_cache(cache);
    table.set_format_version(5);
    if column == Column::State {
        table.set_bloom_filter(10.0, false);
    }
    let mut options = Options::default();
    options.set_block_based_table_factory(&table);
    options.set_compression_type(DBCompressionType::Lz4);
    options.set_level_compaction_dynamic_level_bytes(true);
    options
}

impl Backend for RocksBackend {
    type Error = rocksdb::Error;

    fn get(&self, column: Column, key: &[u8]) -> Result<Option<Value>, rocksdb::Error> {
        Ok(self.db.get_pinned_cf(self.cf(column), key)?.map(|value| Value::from(&*value)))
    }

    fn get_many(&self, column: Column, keys: &[&[u8]]) -> Result<Vec<Option<Value>>, rocksdb::Error> {
        let sorted = keys.windows(2).all(|pair| pair[0] < pair[1]);
        self.db
            .batched_multi_get_cf(self.cf(column), keys.iter().copied(), sorted)
            .into_iter()
            .map(|value| Ok(value?.map(|value| Value::from(&*value))))
            .collect()
    }

    fn scan(&self, column: Column, prefix: &[u8], visit: &mut Visitor<'_>) -> Result<(), rocksdb::Error> {
        let mut read_options = ReadOptions::default();
        if let Some(end) = prefix_end(prefix) {
            read_options.set_iterate_upper_bound(end);
        }
        let mut iter = self.db.raw_iterator_cf_opt(self.cf(column), read_options);
        iter.seek(prefix);
        while let (Some(key), Some(value)) = (iter.key(), iter.value()) {
            if visit(key, value).is_break() {
                break;
            }
            iter.next();
        }
        iter.status()
    }

    fn write(&self, batch: Batch) -> Result<(), rocksdb::Error> {
        let mut rocks = WriteBatch::default();
        for op in &batch.ops {
            match &op.value {
                Some(value) => rocks.put_cf(self.cf(op.column), &op.key, value),
                None => rocks.delete_cf(self.cf(op.column), &op.key),
            }
        }
        self.db.write_opt(rocks, &self.write_options)
    }
}
