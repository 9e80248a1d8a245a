//! revm running the ERC-20 of `fixtures/Erc20.sol` (runtime bytecode built
//! by `scripts/build-erc20.sh` with solc 0.8.28, committed).

use revm::context::TxEnv;
use revm::database::{CacheDB, EmptyDB};
use revm::primitives::{keccak256, Address, Bytes, TxKind, U256};
use revm::state::{AccountInfo, Bytecode};
use revm::{Context, ExecuteCommitEvm, MainBuilder, MainContext, MainnetEvm};

/// The contract's runtime bytecode, hex.
const RUNTIME: &str = include_str!("../fixtures/Erc20.bin-runtime");

type Evm = MainnetEvm<revm::handler::MainnetContext<CacheDB<EmptyDB>>>;

/// An EVM with the ERC-20 deployed and a funded sender.
#[allow(missing_debug_implementations, reason = "the EVM has no Debug")]
pub struct Erc20 {
    evm: Evm,
    token: Address,
    sender: Address,
    nonce: u64,
}

/// `balanceOf`'s storage slot of `holder`: the mapping is the contract's
/// first variable (slot 0).
fn balance_slot(holder: Address) -> U256 {
    let mut key = [0u8; 64];
    key[12..32].copy_from_slice(holder.as_slice());
    U256::from_be_bytes(keccak256(key).0)
}

impl Erc20 {
    /// The token at a fixed address holding `supply` for the sender.
    ///
    /// # Errors
    /// The committed bytecode is not hex.
    pub fn new(supply: u64) -> anyhow::Result<Erc20> {
        let token = Address::with_last_byte(0x77);
        let sender = Address::with_last_byte(0x01);
        let mut db = CacheDB::new(EmptyDB::default());
        let code = Bytecode::new_raw(Bytes::from(hex::decode(RUNTIME.trim())?));
        db.insert_account_info(
            token,
            AccountInfo { code_hash: code.hash_slow(), code: Some(code), ..AccountInfo::default() },
        );
        db.insert_account_storage(token, balance_slot(sender), U256::from(supply))?;
        db.insert_account_info(sender, AccountInfo { balance: U256::from(10u64.pow(18)), ..AccountInfo::default() });
        let evm = Context::mainnet().with_db(db).build_mainnet();
        Ok(Erc20 { evm, token, sender, nonce: 0 })
    }

    /// `transfer(to, 1)` from the sender, executed and committed; `to` is
    /// one of a few recipients picked by `i`.
    ///
    /// # Errors
    /// The transaction was invalid or did not succeed.
    pub fn transfer(&mut self, i: usize) -> anyhow::Result<()> {
        let to = Address::with_last_byte(0x10 + (i % 4) as u8);
        // transfer(address,uint256)
        let mut data = Vec::with_capacity(68);
        data.extend_from_slice(&[0xa9, 0x05, 0x9c, 0xbb]);
        data.extend_from_slice(&[0u8; 12]);
        data.extend_from_slice(to.as_slice());
        data.extend_from_slice(&U256::from(1).to_be_bytes::<32>());
        let tx = TxEnv::builder()
            .caller(self.sender)
            .kind(TxKind::Call(self.token))
            .data(Bytes::from(data))
            .gas_limit(100_000)
            .gas_price(0)
            .nonce(self.nonce)
            .build()
            .map_err(|e| anyhow::anyhow!("transaction: {e:?}"))?;
        let result = self.evm.transact_commit(tx).map_err(|e| anyhow::anyhow!("revm: {e:?}"))?;
        anyhow::ensure!(result.is_success(), "the transfer failed: {result:?}");
        self.nonce += 1;
        Ok(())
    }

    /// The token balance of recipient `i` (to check the transfers landed).
    ///
    /// # Errors
    /// The database could not be read.
    pub fn balance_of(&mut self, i: usize) -> anyhow::Result<U256> {
        let holder = Address::with_last_byte(0x10 + (i % 4) as u8);
        let db = &mut self.evm.ctx.journaled_state.database;
        Ok(revm::Database::storage(db, self.token, balance_slot(holder))?)
    }
}
